using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Tickr.GraphQL.AspNetCore;
using Tickr.GraphQL.AspNetCore.Http;
using Tickr.GraphQL.AspNetCore.Persisted;
using Tickr.GraphQL.AspNetCore.WebSockets;
using Tickr.GraphQL.Types;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the GraphQL server (one schema) for <c>MapGraphQL</c>.</summary>
public static class GraphQLServiceCollectionExtensions
{
    /// <summary>Registers a GraphQL server for an already built schema.</summary>
    public static IServiceCollection AddGraphQLServer(this IServiceCollection services, Schema schema, Action<GraphQLServerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return services.AddGraphQLServer(_ => schema, configure);
    }

    /// <summary>
    /// Registers a GraphQL server whose schema is built from the container on first use (so resolvers can be wired to
    /// singletons). Also registers health checks (for <c>MapGraphQLHealth</c>); the host adds its own checks with
    /// <c>AddHealthChecks().AddCheck…</c>.
    /// </summary>
    public static IServiceCollection AddGraphQLServer(this IServiceCollection services, Func<IServiceProvider, Schema> schemaFactory, Action<GraphQLServerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(schemaFactory);
        var options = new GraphQLServerOptions();
        configure?.Invoke(options);
        services.TryAddSingleton(options);
        services.TryAddSingleton(sp =>
        {
            var development = sp.GetService<IHostEnvironment>()?.IsDevelopment() ?? false;
            return new GraphQLRequestPipeline(
                () => schemaFactory(sp),
                options,
                options.IncludeExceptionDetails ?? development,
                sp.GetServices<IPersistedOperationStore>(),
                sp.GetRequiredService<IServiceScopeFactory>(),
                sp.GetService<Microsoft.Extensions.Logging.ILogger<GraphQLRequestPipeline>>());
        });
        services.TryAddSingleton<GraphQLWebSocketHandler>();
        services.TryAddSingleton<GraphQLHttpHandler>();
        services.AddHealthChecks();
        return services;
    }
}
