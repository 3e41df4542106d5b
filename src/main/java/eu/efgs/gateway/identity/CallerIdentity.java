package eu.efgs.gateway.identity;

import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/** The identity of the current request, set by {@link ClientAuthenticationFilter}. */
@RequestScoped
public class CallerIdentity {

    private ClientIdentity identity;

    void set(ClientIdentity identity) {
        this.identity = identity;
    }

    public ClientIdentity get() {
        if (identity == null) {
            throw new IllegalStateException("Resource is not marked @Authenticated");
        }
        return identity;
    }

    /** Empty when authentication has not run or failed (e.g. in a response filter after a refused handshake). */
    public Optional<ClientIdentity> current() {
        return Optional.ofNullable(identity);
    }

    public String country() {
        return get().country();
    }
}
