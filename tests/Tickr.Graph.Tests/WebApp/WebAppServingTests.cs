using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Tickr.Graph.Tests.TestHost;

namespace Tickr.Graph.Tests.WebApp;

/// <summary>
/// The web app at /app/, served from the files the build embedded from web/dist. These tests rely only on files every
/// build of the web app has: index.html, sw.js, manifest.webmanifest and at least one hashed file under assets/.
/// </summary>
public sealed class WebAppServingTests : IAsyncLifetime
{
    private const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; "
        + "connect-src 'self'; media-src 'self' blob:; worker-src 'self'; manifest-src 'self'; object-src 'none'; "
        + "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private readonly TickrAppFactory _factory = new();
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _client = _factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    /// <summary>The largest embedded file under assets/ (large enough to be compressed), e.g. <c>assets/index-3f2a.js</c>.</summary>
    private static string Asset
    {
        get
        {
            const string prefix = "Tickr.Graph.WebApp/";
            var assembly = typeof(Program).Assembly;
            var names = assembly.GetManifestResourceNames()
                .Where(n => n.StartsWith(prefix + "assets/", StringComparison.Ordinal) && (n.EndsWith(".js", StringComparison.Ordinal) || n.EndsWith(".css", StringComparison.Ordinal)))
                .OrderByDescending(n => assembly.GetManifestResourceInfo(n) is null ? 0 : assembly.GetManifestResourceStream(n)!.Length)
                .ToList();
            Assert.NotEmpty(names);
            return names[0][prefix.Length..];
        }
    }

    [Fact]
    public async Task App_without_slash_redirects_permanently_to_app_slash()
    {
        using var response = await _client.GetAsync("/app?from=mail");

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/app/?from=mail", response.Headers.Location?.OriginalString);
        AssertSecurityHeaders(response, Policy);
    }

    [Fact]
    public async Task Index_is_served_at_app_slash_with_the_security_headers_and_no_cache()
    {
        using var response = await _client.GetAsync("/app/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<html", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.True(response.Headers.CacheControl?.NoCache);
        Assert.NotNull(response.Headers.ETag);
        Assert.False(response.Headers.ETag!.IsWeak);
        AssertSecurityHeaders(response, Policy);
    }

    [Theory]
    [InlineData("/app/events/nuit-du-malouf")]
    [InlineData("/app/dashboard/RXZlbnQ6MQ")]
    [InlineData("/app/scanner/a/b")]
    [InlineData("/app/login")]
    public async Task Paths_without_an_extension_fall_back_to_index(string path)
    {
        var index = await _client.GetByteArrayAsync("/app/index.html");
        using var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(index, await response.Content.ReadAsByteArrayAsync());
        Assert.True(response.Headers.CacheControl?.NoCache);
        AssertSecurityHeaders(response, Policy);
    }

    [Theory]
    [InlineData("/app/missing.js")]
    [InlineData("/app/assets/not-there-123.css")]
    [InlineData("/app/favicon-that-does-not-exist.png")]
    public async Task Missing_files_with_an_extension_are_404_with_the_security_headers(string path)
    {
        using var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        AssertSecurityHeaders(response, Policy);
    }

    [Fact]
    public async Task Hashed_assets_are_cached_for_a_year_and_immutable()
    {
        using var response = await _client.GetAsync("/app/" + Asset);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cache = response.Headers.CacheControl!;
        Assert.True(cache.Public);
        Assert.Equal(TimeSpan.FromDays(365), cache.MaxAge);
        Assert.Contains(cache.Extensions, e => e.Name == "immutable");
        AssertSecurityHeaders(response, Policy);
    }

    [Fact]
    public async Task Service_worker_is_revalidated_and_allowed_the_app_scope()
    {
        using var response = await _client.GetAsync("/app/sw.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoCache);
        Assert.Equal("/app/", Assert.Single(response.Headers.GetValues("Service-Worker-Allowed")));
        AssertSecurityHeaders(response, Policy);
    }

    [Fact]
    public async Task Manifest_is_served_as_a_web_app_manifest_and_revalidated()
    {
        using var response = await _client.GetAsync("/app/manifest.webmanifest");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/manifest+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoCache);
        Assert.False(response.Headers.Contains("Service-Worker-Allowed"));
    }

    [Fact]
    public async Task A_matching_If_None_Match_gets_304_without_a_body_and_a_stale_one_gets_the_file()
    {
        using var first = await _client.GetAsync("/app/index.html");
        var etag = first.Headers.ETag!;

        using var revalidate = new HttpRequestMessage(HttpMethod.Get, "/app/index.html");
        revalidate.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"other\""));
        revalidate.Headers.IfNoneMatch.Add(etag);
        using var notModified = await _client.SendAsync(revalidate);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, notModified.Headers.ETag);
        Assert.True(notModified.Headers.CacheControl?.NoCache);
        AssertSecurityHeaders(notModified, Policy);

        // If-None-Match compares weakly: W/"same" matches too.
        using var weak = new HttpRequestMessage(HttpMethod.Get, "/app/index.html");
        weak.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(etag.Tag, isWeak: true));
        using var weakResponse = await _client.SendAsync(weak);
        Assert.Equal(HttpStatusCode.NotModified, weakResponse.StatusCode);

        using var stale = new HttpRequestMessage(HttpMethod.Get, "/app/index.html");
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"older-version\""));
        using var fresh = await _client.SendAsync(stale);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.NotEmpty(await fresh.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_fallback_shares_index_ETag_so_client_routes_revalidate_too()
    {
        using var index = await _client.GetAsync("/app/");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/app/tickets");
        request.Headers.IfNoneMatch.Add(index.Headers.ETag!);
        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
    }

    [Fact]
    public async Task Brotli_then_gzip_are_sent_to_clients_that_accept_them_with_their_own_ETags()
    {
        var path = "/app/" + Asset;
        using var plainResponse = await SendAsync(path, null);
        var plain = await plainResponse.Content.ReadAsByteArrayAsync();
        Assert.Empty(plainResponse.Content.Headers.ContentEncoding);
        Assert.Equal(plain.Length, plainResponse.Content.Headers.ContentLength);

        using var br = await SendAsync(path, "gzip, deflate, br");
        Assert.Equal("br", Assert.Single(br.Content.Headers.ContentEncoding));
        Assert.Contains("Accept-Encoding", br.Headers.Vary);
        Assert.Equal(plain, Decompress(await br.Content.ReadAsByteArrayAsync(), s => new BrotliStream(s, CompressionMode.Decompress)));

        using var gzip = await SendAsync(path, "gzip");
        Assert.Equal("gzip", Assert.Single(gzip.Content.Headers.ContentEncoding));
        Assert.Equal(plain, Decompress(await gzip.Content.ReadAsByteArrayAsync(), s => new GZipStream(s, CompressionMode.Decompress)));

        // br refused with q=0: gzip.
        using var refused = await SendAsync(path, "br;q=0, gzip;q=0.5");
        Assert.Equal("gzip", Assert.Single(refused.Content.Headers.ContentEncoding));

        // Each representation has its own strong tag, and a 304 needs the one of the representation asked for.
        var tags = new[] { plainResponse.Headers.ETag!.Tag, br.Headers.ETag!.Tag, gzip.Headers.ETag!.Tag };
        Assert.Equal(3, tags.Distinct().Count());
        using var conditional = new HttpRequestMessage(HttpMethod.Get, path);
        conditional.Headers.TryAddWithoutValidation("Accept-Encoding", "br");
        conditional.Headers.IfNoneMatch.Add(br.Headers.ETag!);
        using var notModified = await _client.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(br.Headers.ETag, notModified.Headers.ETag);
    }

    [Fact]
    public async Task HEAD_sends_the_headers_of_GET_without_a_body()
    {
        using var get = await _client.GetAsync("/app/sw.js");
        using var head = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/app/sw.js"));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Equal(get.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        AssertSecurityHeaders(head, Policy);
    }

    [Fact]
    public async Task Other_methods_are_not_served()
    {
        using var response = await _client.PostAsync("/app/", new StringContent(""));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task The_policy_allows_Stripe_only_when_Stripe_is_configured()
    {
        await using var factory = new TickrAppFactory().WithSetting("Tickr:Payments:Stripe:SecretKey", "sk_test_web_app_policy");
        using var response = await factory.CreateClient().GetAsync("/app/");

        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self' https://js.stripe.com;", policy, StringComparison.Ordinal);
        Assert.Contains("frame-src https://js.stripe.com https://hooks.stripe.com;", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self' https://api.stripe.com;", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("stripe", Policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_IDE_GraphQL_and_health_endpoints_are_unchanged_and_carry_no_app_policy()
    {
        var ide = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        ide.Headers.Accept.ParseAdd("text/html");
        using var ideResponse = await _client.SendAsync(ide);
        Assert.Equal(HttpStatusCode.OK, ideResponse.StatusCode);
        Assert.Contains("Tickr GraphQL", await ideResponse.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var graphql = await _client.PostAsync("/graphql",
            new StringContent("""{"query":"{ __typename }"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, graphql.StatusCode);
        Assert.Contains("\"Query\"", await graphql.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotEqual(Policy, graphql.Headers.TryGetValues("Content-Security-Policy", out var values) ? values.Single() : null);

        Assert.Equal("Healthy", await _client.GetStringAsync("/health/live"));
        using var outside = await _client.GetAsync("/application.js");
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
        Assert.False(outside.Headers.Contains("Content-Security-Policy"));
    }

    private async Task<HttpResponseMessage> SendAsync(string path, string? acceptEncoding)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }
        var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }

    private static byte[] Decompress(byte[] data, Func<Stream, Stream> open)
    {
        using var input = open(new MemoryStream(data));
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response, string policy)
    {
        Assert.Equal(policy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("camera=(self)", Assert.Single(response.Headers.GetValues("Permissions-Policy")));
    }
}
