using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Tickr.Client;

/// <summary>What a generated <c>AddXxxClient</c> calls: named options, a named HttpClient and one transport per client.</summary>
public static class GraphQLClientRegistration
{
    /// <summary>Registers <typeparamref name="TClient"/> as a singleton over a transport named <paramref name="name"/>.</summary>
    public static IHttpClientBuilder AddClient<TClient>(IServiceCollection services, string name, Action<GraphQLClientOptions> configure, Func<IGraphQLTransport, TClient> create)
        where TClient : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        ArgumentNullException.ThrowIfNull(create);
        services.AddOptions<GraphQLClientOptions>(name).Configure(configure);
        var http = services.AddHttpClient(name);
        services.TryAddKeyedSingleton<IGraphQLTransport>(name, (sp, _) =>
        {
            var options = sp.GetRequiredService<IOptionsMonitor<GraphQLClientOptions>>().Get(name);
            var factory = sp.GetRequiredService<IHttpClientFactory>();
            return new GraphQLTransport(() => factory.CreateClient(name), options);
        });
        services.TryAddSingleton(sp => create(sp.GetRequiredKeyedService<IGraphQLTransport>(name)));
        return http;
    }
}
