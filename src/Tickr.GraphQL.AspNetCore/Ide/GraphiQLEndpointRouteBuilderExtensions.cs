using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Tickr.GraphQL.AspNetCore.Ide;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the built-in GraphQL IDE (<see cref="GraphiQLPage"/>).</summary>
public static class GraphiQLEndpointRouteBuilderExtensions
{
    /// <summary>Route order of the page endpoint: ahead of a GraphQL endpoint's own GET on the same path (order 0).</summary>
    public const int PageOrder = -100;

    /// <summary>
    /// Serves the IDE for the GraphQL endpoint at <paramref name="path"/>: the page to browser GETs of
    /// <paramref name="path"/> (see <see cref="GraphiQLPage.IsIdeRequest"/>; other requests to the path fall through to
    /// the GraphQL endpoint mapped there) and its files under <c>{path}/_ide/</c>. Maps nothing when the IDE is off
    /// (<see cref="GraphiQLOptions.Enabled"/>; by default, in Production). The returned builder applies conventions such
    /// as <c>RequireAuthorization</c> to both endpoints.
    /// </summary>
    public static IEndpointConventionBuilder MapGraphiQL(
        this IEndpointRouteBuilder endpoints,
        string path = "/graphql",
        Action<GraphiQLOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var options = new GraphiQLOptions();
        configure?.Invoke(options);
        // The environment does not change while the app runs: decide once, and map nothing when off, so that a
        // production app has no IDE route at all.
        if (!GraphiQLPage.IsEnabled(endpoints.ServiceProvider.GetService<IHostEnvironment>(), options))
        {
            return new CompositeEndpointConventionBuilder([]);
        }

        var graphqlPath = GraphiQLPage.Normalize(path);
        var pagePattern = RoutePatternFactory.Parse(
            graphqlPath,
            defaults: null,
            parameterPolicies: new RouteValueDictionary { [IdeRequestConstraint.Key] = new IdeRequestConstraint() });
        var page = endpoints
            .Map(pagePattern, context => GraphiQLPage.WriteAsync(context, graphqlPath, options))
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get]))
            .WithDisplayName("GraphiQL IDE " + graphqlPath);
        page.Add(builder => ((RouteEndpointBuilder)builder).Order = PageOrder);

        var assets = endpoints
            .Map(graphqlPath + "/" + GraphiQLPage.AssetSegment + "/{file}", ServeAssetAsync)
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]))
            .WithDisplayName("GraphiQL IDE files " + graphqlPath);

        return new CompositeEndpointConventionBuilder([page, assets]);
    }

    private static Task ServeAssetAsync(HttpContext context)
    {
        var name = context.Request.RouteValues["file"] as string;
        if (name is null || !GraphiQLAssets.Files.TryGetValue(name, out var asset))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        return GraphiQLPage.WriteAssetAsync(context, asset);
    }
}
