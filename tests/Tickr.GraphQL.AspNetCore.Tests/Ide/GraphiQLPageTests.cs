using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Tickr.GraphQL.AspNetCore.Ide;

namespace Tickr.GraphQL.AspNetCore.Tests.Ide;

/// <summary>The IDE page and files over real HTTP: when they are served, how, and that they name nothing outside the app.</summary>
public sealed partial class GraphiQLPageTests
{
    private static HttpRequestMessage BrowserGet(string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        // What Chromium sends when the address is typed.
        request.Headers.TryAddWithoutValidation("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8");
        return request;
    }

    [Fact]
    public async Task Browser_get_gets_the_page_other_gets_fall_through_to_the_graphql_endpoint()
    {
        await using var server = await IdeTestServer.StartAsync();
        using var client = server.CreateClient();

        using var page = await client.SendAsync(BrowserGet("/graphql"));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<title>Tickr GraphQL</title>", await page.Content.ReadAsStringAsync());
        Assert.Equal("no-cache", page.Headers.CacheControl!.ToString());
        Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single());

        Assert.Equal("GraphiQL IDE /graphql", AnsweredBy(page));

        // A GraphQL-over-HTTP GET is the transport's: here without an operation, so a request error.
        var json = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        json.Headers.Accept.ParseAdd("application/graphql-response+json");
        using var noOperation = await client.SendAsync(json);
        Assert.Equal(IdeTestServer.GraphQLEndpoint, AnsweredBy(noOperation));
        Assert.Equal(HttpStatusCode.BadRequest, noOperation.StatusCode);
        Assert.Equal("application/graphql-response+json", noOperation.Content.Headers.ContentType!.MediaType);
        Assert.True(JsonDocument.Parse(await noOperation.Content.ReadAsStringAsync()).RootElement.TryGetProperty("errors", out _));

        var hello = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=%7Bhello%7D");
        hello.Headers.Accept.ParseAdd("application/graphql-response+json");
        using var helloResponse = await client.SendAsync(hello);
        Assert.Equal(IdeTestServer.GraphQLEndpoint, AnsweredBy(helloResponse));
        Assert.Equal("Hello, Tickr!", JsonDocument.Parse(await helloResponse.Content.ReadAsStringAsync()).RootElement.GetProperty("data").GetProperty("hello").GetString());

        // A GraphQL-over-HTTP GET from a browser's address bar is an operation, not the IDE; so is a persisted one.
        foreach (var operation in new[] { "query=%7Bhello%7D", "documentId=sha256%3Aabc", "id=abc", "extensions=%7B%7D" })
        {
            using var query = await client.SendAsync(BrowserGet("/graphql?" + operation));
            Assert.Equal(IdeTestServer.GraphQLEndpoint, AnsweredBy(query));
            Assert.DoesNotContain("<title>", await query.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    /// <summary>The display name of the endpoint that answered (the test server's <see cref="IdeTestServer.EndpointHeader"/>).</summary>
    private static string AnsweredBy(HttpResponseMessage response) => response.Headers.GetValues(IdeTestServer.EndpointHeader).Single();

    [Fact]
    public async Task The_page_loads_only_its_own_files_and_names_no_other_site()
    {
        await using var server = await IdeTestServer.StartAsync();
        using var client = server.CreateClient();
        var html = await (await client.SendAsync(BrowserGet("/graphql"))).Content.ReadAsStringAsync();

        Assert.DoesNotContain("http:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("//", html, StringComparison.Ordinal);
        var urls = ResourceUrl().Matches(html).Select(m => m.Groups[1].Value).Where(u => u != "data:,").ToList();
        Assert.Equal(7, urls.Count);
        Assert.All(urls, url => Assert.StartsWith("/graphql/_ide/", url, StringComparison.Ordinal));

        var settings = JsonDocument.Parse(SettingsBlock().Match(html).Groups[1].Value).RootElement;
        Assert.Equal("/graphql", settings.GetProperty("endpoint").GetString());
        Assert.True(settings.GetProperty("subscriptions").GetBoolean());
        Assert.True(settings.GetProperty("headerEditor").GetBoolean());

        // Every file the page names is served; the scripts and styles name no CDN to load more from.
        foreach (var url in urls)
        {
            using var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            foreach (var host in new[] { "unpkg.com", "cdn.jsdelivr.net", "cdnjs", "esm.sh", "fonts.googleapis.com", "fonts.gstatic.com" })
            {
                Assert.DoesNotContain(host, body, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    [Fact]
    public async Task Files_have_their_content_types_a_year_of_caching_and_etags()
    {
        await using var server = await IdeTestServer.StartAsync();
        using var client = server.CreateClient();

        foreach (var (name, type) in new[]
        {
            ("graphiql.min.js", "text/javascript"), ("graphiql.min.css", "text/css"), ("react.production.min.js", "text/javascript"),
            ("react-dom.production.min.js", "text/javascript"), ("graphql-ws.min.js", "text/javascript"),
            ("tickr-ide.js", "text/javascript"), ("tickr-ide.css", "text/css"),
        })
        {
            using var response = await client.GetAsync("/graphql/_ide/" + name);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(type, response.Content.Headers.ContentType!.MediaType);
            Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
            Assert.Contains("immutable", response.Headers.CacheControl!.Extensions.Select(e => e.Name));
            Assert.Equal(TimeSpan.FromDays(365), response.Headers.CacheControl.MaxAge);
            Assert.NotNull(response.Headers.ETag);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 100);

            var again = new HttpRequestMessage(HttpMethod.Get, "/graphql/_ide/" + name);
            again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
            using var notModified = await client.SendAsync(again);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/graphql/_ide/secrets.json")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/graphql/_ide/..%2Fappsettings.json")).StatusCode);
    }

    [Fact]
    public async Task Files_are_gzipped_for_clients_that_accept_it_and_head_sends_no_body()
    {
        await using var server = await IdeTestServer.StartAsync();
        using var client = server.CreateClient();
        var plain = await client.GetByteArrayAsync("/graphql/_ide/graphiql.min.js");

        var gzipRequest = new HttpRequestMessage(HttpMethod.Get, "/graphql/_ide/graphiql.min.js");
        gzipRequest.Headers.AcceptEncoding.ParseAdd("gzip, deflate, br");
        using var gzipped = await client.SendAsync(gzipRequest);
        Assert.Equal("gzip", gzipped.Content.Headers.ContentEncoding.Single());
        var compressed = await gzipped.Content.ReadAsByteArrayAsync();
        Assert.True(compressed.Length < plain.Length / 2, $"{compressed.Length} vs {plain.Length}");
        using var unzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var unzipped = new MemoryStream();
        await unzip.CopyToAsync(unzipped);
        Assert.Equal(plain, unzipped.ToArray());

        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/graphql/_ide/graphiql.min.js"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(plain.Length, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Off_in_production_unless_enabled()
    {
        await using (var production = await IdeTestServer.StartAsync("Production"))
        {
            using var client = production.CreateClient();
            // Without the IDE the transport answers a browser GET: it has nothing for text/html (406).
            using var fallThrough = await client.SendAsync(BrowserGet("/graphql"));
            Assert.Equal(IdeTestServer.GraphQLEndpoint, AnsweredBy(fallThrough));
            Assert.Equal(HttpStatusCode.NotAcceptable, fallThrough.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/graphql/_ide/graphiql.min.js")).StatusCode);
        }

        await using (var enabled = await IdeTestServer.StartAsync("Production", o => o.Enabled = true))
        {
            using var client = enabled.CreateClient();
            var page = await client.SendAsync(BrowserGet("/graphql"));
            Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        }

        await using (var disabled = await IdeTestServer.StartAsync("Development", o => o.Enabled = false))
        {
            using var client = disabled.CreateClient();
            using var fallThrough = await client.SendAsync(BrowserGet("/graphql"));
            Assert.Equal(IdeTestServer.GraphQLEndpoint, AnsweredBy(fallThrough));
            Assert.Equal(HttpStatusCode.NotAcceptable, fallThrough.StatusCode);
        }

        await using (var staging = await IdeTestServer.StartAsync("Staging"))
        {
            using var client = staging.CreateClient();
            var page = await client.SendAsync(BrowserGet("/graphql"));
            Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        }
    }

    [Fact]
    public async Task Path_base_title_and_options_reach_the_page_encoded()
    {
        await using var server = await IdeTestServer.StartAsync(configure: o =>
        {
            o.Title = "Tickr </title><script>alert(1)</script>";
            o.DefaultQuery = "</script><script>alert(2)</script>";
            o.HeaderEditorEnabled = false;
            o.SubscriptionsEnabled = false;
        }, pathBase: "/api");
        using var client = server.CreateClient();
        var html = await (await client.SendAsync(BrowserGet(server.BaseAddress + "/graphql"))).Content.ReadAsStringAsync();

        Assert.Contains("<title>Tickr &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>", html);
        Assert.DoesNotContain("alert(2)</script>", html);
        // The settings block and the five scripts: the crafted values opened no element of their own.
        Assert.Equal(6, Regex.Matches(html, "<script").Count);
        var settings = JsonDocument.Parse(SettingsBlock().Match(html).Groups[1].Value).RootElement;
        Assert.Equal("/api/graphql", settings.GetProperty("endpoint").GetString());
        Assert.Equal("</script><script>alert(2)</script>", settings.GetProperty("defaultQuery").GetString());
        Assert.False(settings.GetProperty("subscriptions").GetBoolean());
        Assert.False(settings.GetProperty("headerEditor").GetBoolean());
        Assert.All(ResourceUrl().Matches(html).Where(m => m.Groups[1].Value != "data:,"), m => Assert.StartsWith("/api/graphql/_ide/", m.Groups[1].Value, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(server.BaseAddress + "/graphql/_ide/tickr-ide.js")).StatusCode);
    }

    [Fact]
    public void IsIdeRequest_wants_a_browser_get_without_an_operation()
    {
        static HttpRequest Request(string method, string? accept, string query = "")
        {
            var context = new DefaultHttpContext();
            context.Request.Method = method;
            context.Request.QueryString = new QueryString(query);
            if (accept is not null)
            {
                context.Request.Headers.Accept = accept;
            }
            return context.Request;
        }

        Assert.True(GraphiQLPage.IsIdeRequest(Request("GET", "text/html,*/*;q=0.8")));
        Assert.True(GraphiQLPage.IsIdeRequest(Request("GET", "TEXT/HTML")));
        Assert.False(GraphiQLPage.IsIdeRequest(Request("GET", "application/json")));
        Assert.False(GraphiQLPage.IsIdeRequest(Request("GET", null)));
        Assert.False(GraphiQLPage.IsIdeRequest(Request("POST", "text/html")));
        Assert.False(GraphiQLPage.IsIdeRequest(Request("GET", "text/html", "?query={a}")));
        // Persisted operations (by id, documentId, or APQ's extensions) are operations too, as for the transport.
        Assert.False(GraphiQLPage.IsIdeRequest(Request("GET", "text/html", "?id=abc")));
        Assert.False(GraphiQLPage.IsIdeRequest(Request("GET", "text/html", "?documentId=sha256:abc")));
        Assert.False(GraphiQLPage.IsIdeRequest(Request("GET", "text/html", "?extensions=%7B%7D")));
        Assert.True(GraphiQLPage.IsIdeRequest(Request("GET", "text/html", "?theme=dark")));
    }

    [Fact]
    public void Enabled_defaults_to_off_in_production_and_without_an_environment()
    {
        Assert.False(GraphiQLPage.IsEnabled((Microsoft.Extensions.Hosting.IHostEnvironment?)null, new GraphiQLOptions()));
        Assert.True(GraphiQLPage.IsEnabled((Microsoft.Extensions.Hosting.IHostEnvironment?)null, new GraphiQLOptions { Enabled = true }));
    }

    [GeneratedRegex("(?:src|href)=\"([^\"]*)\"")]
    private static partial Regex ResourceUrl();

    [GeneratedRegex("<script id=\"tickr-ide-settings\" type=\"application/json\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex SettingsBlock();
}
