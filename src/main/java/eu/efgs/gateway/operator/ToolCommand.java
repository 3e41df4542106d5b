package eu.efgs.gateway.operator;

/**
 * A picocli command built on the gateway (a national backend's client, the benchmark) that the full build adds to
 * the command line; found with {@link java.util.ServiceLoader}, so the server artifact leaves them out.
 */
public interface ToolCommand {
}
