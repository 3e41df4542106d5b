package eu.efgs.gateway.platform;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;

/** The gateway serving until it is stopped; operator commands never start it. */
public class GatewayApplication implements QuarkusApplication {

    /** Whether the arguments ask the gateway to serve (none, or {@code serve}). */
    public static boolean isServe(String... args) {
        return args.length == 0 || (args.length == 1 && "serve".equals(args[0]));
    }

    @Override
    public int run(String... args) {
        Quarkus.waitForExit();
        return 0;
    }
}
