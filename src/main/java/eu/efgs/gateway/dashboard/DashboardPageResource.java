package eu.efgs.gateway.dashboard;

import eu.efgs.gateway.identity.Authenticated;
import eu.efgs.gateway.identity.CallerIdentity;
import eu.efgs.gateway.statistics.StatisticsConfig;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.ResponseHeader;

/**
 * {@code GET /dashboard}: the page a national backend (its client certificate in the browser) or an operator opens
 * every morning. Rendered on the server with the numbers in the HTML and the charts as inline SVG: it works with
 * JavaScript off and loads nothing from anywhere (the policy below allows no script and no remote resource).
 */
@Path("/dashboard")
@Authenticated
public class DashboardPageResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance dashboard(DashboardPage page);
    }

    @Inject
    CallerIdentity caller;

    @Inject
    StatisticsConfig statistics;

    @Inject
    Dashboard dashboard;

    @GET
    @Produces(MediaType.TEXT_HTML)
    @ResponseHeader(name = "Cache-Control", value = "no-store")
    @ResponseHeader(name = "Content-Security-Policy",
            value = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
    public TemplateInstance page() {
        return Templates.dashboard(dashboard.page(Viewer.of(caller, statistics)));
    }
}
