package eu.efgs.gateway.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLSocket;

/**
 * HTTP/1.x written byte by byte on a real socket, plain or mutual TLS: for requests no well-behaved client
 * library would send (repeated Host, foreign versions, conflicting framing, trickled headers).
 */
public final class RawHttp implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    private RawHttp(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = socket.getInputStream();
    }

    /** Plain HTTP to the gateway's plain port, from a chosen loopback address. */
    public static RawHttp plain(String from) {
        try {
            Socket socket = new Socket();
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", Https.httpPort()), 5000);
            return new RawHttp(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** HTTPS to the gateway's TLS port, presenting {@code client}; the handshake is completed here. */
    public static RawHttp tls(Pki.Credential client) {
        return tls(client, "127.0.0.1");
    }

    /** {@link #tls(Pki.Credential)} from a chosen loopback address (e.g. a trusted proxy's). */
    public static RawHttp tls(Pki.Credential client, String from) {
        try {
            SSLSocket socket = (SSLSocket) Https.context(client).getSocketFactory().createSocket(
                    InetAddress.getByName("127.0.0.1"), Https.httpsPort(), InetAddress.getByName(from), 0);
            socket.startHandshake();
            return new RawHttp(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public RawHttp send(String text) {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public RawHttp send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends {@code text} one byte at a time with {@code pause} between bytes; false once the server hung up. */
    public boolean trickle(String text, Duration pause) {
        for (byte b : text.getBytes(StandardCharsets.ISO_8859_1)) {
            try {
                out.write(b);
                out.flush();
                Thread.sleep(pause.toMillis());
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /**
     * One whole response with a Content-Length (returned as soon as it is complete, so a keep-alive connection is
     * not left idle), or what came until the server closed or {@code patience} passed without data.
     */
    public Reply readResponse(Duration patience) {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try {
            socket.setSoTimeout((int) patience.toMillis());
            while (!complete(received.toString(StandardCharsets.ISO_8859_1))) {
                int b = in.read();
                if (b < 0) {
                    return new Reply(received.toString(StandardCharsets.ISO_8859_1), true);
                }
                received.write(b);
            }
        } catch (SocketTimeoutException e) {
            // incomplete: the caller's assertion shows what came
        } catch (IOException e) {
            return new Reply(received.toString(StandardCharsets.ISO_8859_1), true);
        }
        return new Reply(received.toString(StandardCharsets.ISO_8859_1), false);
    }

    private static boolean complete(String text) {
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        String length = new Reply(text, false).header("Content-Length");
        return length != null && text.length() - end - 4 >= Integer.parseInt(length);
    }

    /** Everything the server sends until it closes the connection or {@code wait} passes without data. */
    public Reply read(Duration wait) {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        boolean closed = false;
        try {
            socket.setSoTimeout((int) wait.toMillis());
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                received.write(buffer, 0, n);
            }
            closed = true;
        } catch (SocketTimeoutException e) {
            // still open
        } catch (IOException e) {
            closed = true; // reset by the server
        }
        return new Reply(received.toString(StandardCharsets.ISO_8859_1), closed);
    }

    /** What came back: the raw text and whether the server closed the connection. */
    public record Reply(String text, boolean closed) {

        public int status() {
            if (!text.startsWith("HTTP/")) {
                return -1;
            }
            return Integer.parseInt(text.substring(9, 12));
        }

        /** The first header of that name (case-insensitive), or null. */
        public String header(String name) {
            for (String line : text.split("\r\n")) {
                if (line.isEmpty()) {
                    break;
                }
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }

        public String body() {
            int end = text.indexOf("\r\n\r\n");
            return end < 0 ? "" : text.substring(end + 4);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing a test socket
        }
    }
}
