using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tickr.GraphQL.AspNetCore;
using Tickr.GraphQL.AspNetCore.Http;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the GraphQL endpoint and the health endpoints.</summary>
public static class GraphQLEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps GraphQL over HTTP (GET, POST), GraphQL over SSE and graphql-transport-ws on <paramref name="pattern"/>.
    /// WebSocket upgrades are handled inside the endpoint, so the host needs no <c>UseWebSockets</c>.
    /// </summary>
    public static IEndpointConventionBuilder MapGraphQL(this IEndpointRouteBuilder endpoints, string pattern = "/graphql")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var handler = endpoints.ServiceProvider.GetService<GraphQLHttpHandler>()
            ?? throw new InvalidOperationException("Call services.AddGraphQLServer(…) before MapGraphQL.");
        var options = endpoints.ServiceProvider.GetRequiredService<GraphQLServerOptions>();
        // A private pipeline with the WebSocket middleware: upgrades work whatever the host's middleware order.
        // A private pipeline with the WebSocket middleware: upgrades work whatever the host's middleware order.
        var app = endpoints.CreateApplicationBuilder();
        app.UseWebSockets(new Microsoft.AspNetCore.Builder.WebSocketOptions { KeepAliveInterval = options.WebSockets.KeepAliveInterval });
        app.Run(handler.HandleAsync);
        return endpoints.Map(pattern, app.Build()).WithDisplayName("GraphQL");
    }

    /// <summary>
    /// Liveness at <c>{prefix}/live</c> (the process answers; runs no check) and readiness at <c>{prefix}/ready</c>
    /// (runs every registered health check, e.g. the Redis subscription bus).
    /// </summary>
    public static IEndpointConventionBuilder MapGraphQLHealth(this IEndpointRouteBuilder endpoints, string prefix = "/health")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        prefix = prefix.TrimEnd('/');
        var group = endpoints.MapGroup(prefix);
        group.MapHealthChecks("/live", new HealthCheckOptions { Predicate = _ => false });
        group.MapHealthChecks("/ready", new HealthCheckOptions());
        return group;
    }
}
