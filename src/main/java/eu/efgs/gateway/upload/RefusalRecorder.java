package eu.efgs.gateway.upload;

import eu.efgs.gateway.identity.CallerIdentity;
import eu.efgs.gateway.identity.ClientIdentity;
import eu.efgs.gateway.platform.Problem;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Records every upload refused with a 4xx problem after authentication (the country is known) in
 * {@code upload_refusal}, for the dashboard. Requests refused before authentication (media type, unknown
 * certificate) have no country and are not recorded; neither are client addresses. Recording never changes the
 * answer: a failure is logged and the refusal goes out as it was.
 */
@Provider
@RecordsRefusals
public class RefusalRecorder implements ContainerResponseFilter {

    private static final Logger LOG = Logger.getLogger(RefusalRecorder.class);

    @Inject
    CallerIdentity caller;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Clock clock;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Optional<ClientIdentity> identity = caller.current();
        if (identity.isEmpty() || response.getStatus() < 400 || response.getStatus() >= 500
                || !(response.getEntity() instanceof Problem problem)) {
            return;
        }
        Refusal refusal = Refusal.of(clock.instant(), identity.get().country(),
                request.getHeaders().getFirst(UploadResource.BATCH_TAG), problem.code(), response.getStatus(),
                problem.detail());
        try {
            QuarkusTransaction.requiringNew().run(() -> insert(refusal));
        } catch (RuntimeException e) {
            LOG.warnf("Refused upload %s of %s (%s) could not be recorded: %s", refusal.batchTag(),
                    refusal.country(), refusal.code(), e.getMessage());
        }
    }

    private void insert(Refusal refusal) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO upload_refusal (refused_at, "
                     + "country, batch_tag, code, status, first_finding) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setTimestamp(1, Timestamp.from(refusal.refusedAt()));
            insert.setString(2, refusal.country());
            insert.setString(3, refusal.batchTag());
            insert.setString(4, refusal.code());
            insert.setInt(5, refusal.status());
            insert.setString(6, refusal.firstFinding());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
