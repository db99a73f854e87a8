using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Tickr.GraphQL.AspNetCore.Ide;

/// <summary>
/// The built-in GraphQL IDE: GraphiQL 3 with React 18 and graphql-ws, embedded in this assembly and served by the app
/// itself (no CDN, works offline). The page is the answer to a browser's <c>GET {path}</c>; its files are served under
/// <c>{path}/_ide/{file}</c>. Use <see cref="Microsoft.AspNetCore.Builder.GraphiQLEndpointRouteBuilderExtensions.MapGraphiQL"/>,
/// or call <see cref="TryHandleAsync"/> from a GraphQL endpoint's own GET handler.
/// </summary>
public static class GraphiQLPage
{
    /// <summary>The path segment, under the GraphQL path, of the IDE's files.</summary>
    public const string AssetSegment = "_ide";

    private const string ImmutableCache = "public, max-age=31536000, immutable";

    /// <summary>
    /// Whether the request is a browser opening the endpoint: a GET that accepts <c>text/html</c>, carries no operation
    /// (a <c>query</c>, <c>id</c>, <c>documentId</c> or <c>extensions</c> parameter: a GraphQL-over-HTTP GET, possibly
    /// of a persisted operation, which must get a GraphQL response) and is not a WebSocket upgrade.
    /// </summary>
    public static bool IsIdeRequest(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!HttpMethods.IsGet(request.Method) || HasOperation(request.Query) || request.HttpContext.WebSockets.IsWebSocketRequest)
        {
            return false;
        }
        foreach (var accept in request.Headers.Accept)
        {
            if (accept is not null && accept.Contains("text/html", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    // The parameters that make a GET an operation for the GraphQL endpoint (GraphQLHttpHandler): the document, a
    // persisted operation's id, or APQ's extensions.
    private static bool HasOperation(IQueryCollection query) =>
        query.ContainsKey("query") || query.ContainsKey("id") || query.ContainsKey("documentId") || query.ContainsKey("extensions");

    /// <summary>Whether the IDE is on: <see cref="GraphiQLOptions.Enabled"/>, or when unset, on outside Production.</summary>
    public static bool IsEnabled(IHostEnvironment? environment, GraphiQLOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Without a host environment the app may well be in Production (ASP.NET Core's default): stay off.
        return options.Enabled ?? (environment is not null && !environment.IsProduction());
    }

    /// <summary>Whether the IDE is on for the application serving <paramref name="context"/>.</summary>
    public static bool IsEnabled(HttpContext context, GraphiQLOptions options)
    {
        ArgumentNullException.ThrowIfNull(context);
        return IsEnabled(context.RequestServices.GetService<IHostEnvironment>(), options);
    }

    /// <summary>
    /// Serves the IDE when it is enabled and the request is for it: the page for a browser's GET of
    /// <paramref name="graphqlPath"/>, or one of its files under <c>{graphqlPath}/_ide/</c>. Returns false, having written
    /// nothing, for any other request, so a GraphQL endpoint's GET handler can go on with it.
    /// </summary>
    /// <param name="context">The request.</param>
    /// <param name="graphqlPath">The GraphQL endpoint's path without the path base, e.g. <c>/graphql</c>.</param>
    /// <param name="options">The IDE settings.</param>
    public static async Task<bool> TryHandleAsync(HttpContext context, string graphqlPath, GraphiQLOptions options)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!IsEnabled(context, options))
        {
            return false;
        }
        if (IsIdeRequest(context.Request) && IsSamePath(context.Request.Path, graphqlPath))
        {
            await WriteAsync(context, graphqlPath, options).ConfigureAwait(false);
            return true;
        }
        return await TryWriteAssetAsync(context, graphqlPath).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes the IDE page, set up for the GraphQL endpoint at <paramref name="graphqlPath"/> (queries and mutations by
    /// POST there, subscriptions over <c>graphql-transport-ws</c> at the same path). It checks neither the request nor
    /// <see cref="IsEnabled(HttpContext, GraphiQLOptions)"/>: the caller has.
    /// </summary>
    public static Task WriteAsync(HttpContext context, string graphqlPath, GraphiQLOptions options)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(graphqlPath);
        ArgumentNullException.ThrowIfNull(options);
        var endpoint = context.Request.PathBase.Add(new PathString(Normalize(graphqlPath))).ToUriComponent();
        var html = GraphiQLHtml.Render(endpoint, options);

        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/html; charset=utf-8";
        var headers = response.Headers;
        // The page names the current asset versions, so it must be revalidated; it is tiny.
        headers.CacheControl = "no-cache";
        headers.ContentSecurityPolicy = GraphiQLHtml.ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        headers.Vary = "Accept";
        return response.WriteAsync(html, context.RequestAborted);
    }

    /// <summary>
    /// Serves <c>{graphqlPath}/_ide/{file}</c> (GET or HEAD) with a year of caching and an ETag, gzip-compressed when the
    /// client accepts it. Returns false for any other request; writes 404 for an unknown file under <c>_ide/</c>.
    /// </summary>
    public static async Task<bool> TryWriteAssetAsync(HttpContext context, string graphqlPath)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(graphqlPath);
        var request = context.Request;
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)))
        {
            return false;
        }
        var prefix = new PathString(Normalize(graphqlPath) + "/" + AssetSegment);
        if (!request.Path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase, out var rest) || !rest.HasValue)
        {
            return false;
        }
        var name = rest.Value!.TrimStart('/');
        if (!GraphiQLAssets.Files.TryGetValue(name, out var asset))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return true;
        }
        await WriteAssetAsync(context, asset).ConfigureAwait(false);
        return true;
    }

    internal static Task WriteAssetAsync(HttpContext context, GraphiQLAsset asset)
    {
        var request = context.Request;
        var response = context.Response;
        var gzip = AcceptsGzip(request) ? asset.Gzip : null;
        var etag = gzip is null ? asset.ETag : asset.GzipETag;

        var headers = response.Headers;
        headers.CacheControl = ImmutableCache;
        headers.ETag = etag;
        headers.Vary = HeaderNames.AcceptEncoding;
        headers.XContentTypeOptions = "nosniff";
        response.ContentType = asset.ContentType;

        if (Matches(request.Headers.IfNoneMatch, etag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        var body = gzip ?? asset.Content;
        if (gzip is not null)
        {
            headers.ContentEncoding = "gzip";
        }
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentLength = body.Length;
        return HttpMethods.IsHead(request.Method)
            ? Task.CompletedTask
            : response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    internal static string Normalize(string graphqlPath)
    {
        var path = graphqlPath.TrimEnd('/');
        return path.StartsWith('/') ? path : "/" + path;
    }

    private static bool IsSamePath(PathString requestPath, string graphqlPath) =>
        requestPath.Equals(new PathString(Normalize(graphqlPath)), StringComparison.OrdinalIgnoreCase)
        || requestPath.Equals(new PathString(Normalize(graphqlPath) + "/"), StringComparison.OrdinalIgnoreCase);

    private static bool AcceptsGzip(HttpRequest request)
    {
        if (!StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptEncoding, out var encodings))
        {
            return false;
        }
        foreach (var encoding in encodings)
        {
            if (StringSegment.Equals(encoding.Value, "gzip", StringComparison.OrdinalIgnoreCase) && encoding.Quality is not 0)
            {
                return true;
            }
        }
        return false;
    }

    private static bool Matches(StringValues ifNoneMatch, string etag)
    {
        if (StringValues.IsNullOrEmpty(ifNoneMatch) || !EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags))
        {
            return false;
        }
        var current = new EntityTagHeaderValue(etag);
        foreach (var tag in tags)
        {
            if (tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(current, useStrongComparison: false))
            {
                return true;
            }
        }
        return false;
    }
}
