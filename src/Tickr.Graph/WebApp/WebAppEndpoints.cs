using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using Tickr.Domain.Payments;

namespace Tickr.Graph.WebApp;

/// <summary>
/// Serves the web app at <c>/app/</c> from the files embedded at build time (<see cref="WebAppFiles"/>): strong
/// ETags and 304s, brotli or gzip copies made once, a year's caching for Vite's hashed <c>assets/</c> and revalidation
/// for the rest, the history API's fallback to index.html for paths without an extension, and a strict Content
/// Security Policy on every response (Stripe's origins added only when Stripe is configured).
/// </summary>
public static class WebAppEndpoints
{
    public const string BasePath = "/app";

    /// <summary>The policy without Stripe: everything from this origin, nothing inline, no framing.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; "
        + "connect-src 'self'; media-src 'self' blob:; worker-src 'self'; manifest-src 'self'; object-src 'none'; "
        + "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The policy when Stripe is configured: Stripe.js, its frames and its API are allowed too.</summary>
    public const string ContentSecurityPolicyWithStripe =
        "default-src 'self'; script-src 'self' https://js.stripe.com; style-src 'self'; img-src 'self' data: blob:; "
        + "font-src 'self'; connect-src 'self' https://api.stripe.com; media-src 'self' blob:; worker-src 'self'; "
        + "manifest-src 'self'; frame-src https://js.stripe.com https://hooks.stripe.com; object-src 'none'; "
        + "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public const string ServiceWorkerPath = "sw.js";

    /// <summary>Maps <c>/app/{**path}</c> (GET and HEAD); <c>/app</c> itself redirects to <c>/app/</c>.</summary>
    public static IEndpointRouteBuilder MapTickrWebApp(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var stripe = endpoints.ServiceProvider.GetRequiredService<IPaymentProviders>().IsConfigured(PaymentProviderKind.Stripe);
        var policy = stripe ? ContentSecurityPolicyWithStripe : ContentSecurityPolicy;
        // Read and compress the files in the background now, so the first visitor does not wait for it.
        _ = WebAppFiles.WarmUpAsync();

        // One route for both: routing ignores a trailing slash, so "/app" and "/app/" reach the same endpoint.
        endpoints.MapMethods(BasePath + "/{**path}", [HttpMethods.Get, HttpMethods.Head], context => ServeAsync(context, policy))
            .WithDisplayName("Web app");
        return endpoints;
    }

    private static Task ServeAsync(HttpContext context, string policy)
    {
        var response = context.Response;
        AddSecurityHeaders(response.Headers, policy);
        var requestPath = context.Request.Path.Value ?? "";
        if (requestPath.Length == BasePath.Length)
        {
            // /app → /app/: the app's relative URLs and the service worker's scope need the slash.
            response.StatusCode = StatusCodes.Status301MovedPermanently;
            response.Headers.Location = context.Request.PathBase + BasePath + "/" + context.Request.QueryString;
            return Task.CompletedTask;
        }
        var path = requestPath.Length > BasePath.Length + 1 ? requestPath[(BasePath.Length + 1)..] : "";
        var file = Find(path);
        if (file is null)
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            response.Headers.CacheControl = WebAppFiles.RevalidateCacheControl;
            return Task.CompletedTask;
        }

        var representation = Choose(file, context.Request.Headers.AcceptEncoding);
        var headers = response.Headers;
        headers.ContentType = file.ContentType;
        headers.CacheControl = file.CacheControl;
        headers.ETag = representation.ETag;
        if (file.Compressible)
        {
            headers.Vary = HeaderNames.AcceptEncoding;
        }
        if (file.Path == ServiceWorkerPath)
        {
            headers["Service-Worker-Allowed"] = BasePath + "/";
        }
        if (Matches(context.Request.Headers.IfNoneMatch, representation.ETag))
        {
            headers.ContentType = default;
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }
        if (representation.Encoding is { } encoding)
        {
            headers.ContentEncoding = encoding;
        }
        response.ContentLength = representation.Content.Length;
        return HttpMethods.IsHead(context.Request.Method)
            ? Task.CompletedTask
            : response.Body.WriteAsync(representation.Content, context.RequestAborted).AsTask();
    }

    /// <summary>The file at <paramref name="path"/>; index.html for a path without an extension (a client-side route).</summary>
    private static WebAppFile? Find(string path)
    {
        var files = WebAppFiles.Files;
        if (path.Length == 0)
        {
            return files.GetValueOrDefault(WebAppFiles.IndexPath);
        }
        if (files.TryGetValue(path, out var file))
        {
            return file;
        }
        var name = path[(path.LastIndexOf('/') + 1)..];
        return name.Contains('.', StringComparison.Ordinal) ? null : files.GetValueOrDefault(WebAppFiles.IndexPath);
    }

    /// <summary>Brotli when the client takes it, then gzip, then the file as it is (RFC 9110 §12.5.3, q=0 refuses).</summary>
    internal static WebAppFile.Representation Choose(WebAppFile file, StringValues acceptEncoding)
    {
        if (!file.Compressible || StringValues.IsNullOrEmpty(acceptEncoding)
            || !StringWithQualityHeaderValue.TryParseList(acceptEncoding, out var accepted))
        {
            return file.Identity;
        }
        double Quality(string coding)
        {
            double? wildcard = null;
            foreach (var value in accepted)
            {
                if (StringSegment.Equals(value.Value, coding, StringComparison.OrdinalIgnoreCase))
                {
                    return value.Quality ?? 1;
                }
                if (value.Value == "*")
                {
                    wildcard = value.Quality ?? 1;
                }
            }
            return wildcard ?? 0;
        }
        var br = file.Brotli is null ? 0 : Quality("br");
        var gzip = file.Gzip is null ? 0 : Quality("gzip");
        if (br > 0 && br >= gzip)
        {
            return file.Brotli!;
        }
        return gzip > 0 ? file.Gzip! : file.Identity;
    }

    /// <summary>If-None-Match's weak comparison (RFC 9110 §13.1.2): <c>*</c>, or any listed tag with the same opaque value.</summary>
    internal static bool Matches(StringValues ifNoneMatch, string etag)
    {
        if (StringValues.IsNullOrEmpty(ifNoneMatch) || !EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags))
        {
            return false;
        }
        var mine = new EntityTagHeaderValue(etag);
        return tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(mine, useStrongComparison: false));
    }

    private static void AddSecurityHeaders(IHeaderDictionary headers, string policy)
    {
        headers.ContentSecurityPolicy = policy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(self)";
    }
}
