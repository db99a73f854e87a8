using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Tickr.GraphQL.AspNetCore.Ide;

namespace Tickr.GraphQL.AspNetCore.Tests.Ide;

/// <summary><see cref="GraphiQLPage.TryHandleAsync"/>, for a GraphQL endpoint that serves the IDE from its own handler.</summary>
public sealed class GraphiQLPageTryHandleTests
{
    private static DefaultHttpContext Context(string environment, string method, string path, string? accept)
    {
        var services = new ServiceCollection()
            .AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = environment })
            .BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = method;
        context.Request.PathBase = "/app";
        context.Request.Path = path;
        if (accept is not null)
        {
            context.Request.Headers.Accept = accept;
        }
        context.Response.Body = new MemoryStream();
        return context;
    }

    private static string Body(HttpContext context) => Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray());

    [Fact]
    public async Task Serves_the_page_and_files_and_declines_everything_else()
    {
        var options = new GraphiQLOptions();

        var page = Context("Development", "GET", "/api/graphql", "text/html");
        Assert.True(await GraphiQLPage.TryHandleAsync(page, "/api/graphql", options));
        Assert.Contains("\"endpoint\":\"/app/api/graphql\"", Body(page));
        Assert.Contains("src=\"/app/api/graphql/_ide/graphiql.min.js?v=", Body(page));

        var file = Context("Development", "GET", "/api/graphql/_ide/tickr-ide.js", null);
        Assert.True(await GraphiQLPage.TryHandleAsync(file, "/api/graphql", options));
        Assert.StartsWith("text/javascript", file.Response.ContentType);
        Assert.Contains("graphqlWs.createClient", Body(file));

        var missing = Context("Development", "GET", "/api/graphql/_ide/nothing.js", null);
        Assert.True(await GraphiQLPage.TryHandleAsync(missing, "/api/graphql", options));
        Assert.Equal(StatusCodes.Status404NotFound, missing.Response.StatusCode);

        Assert.False(await GraphiQLPage.TryHandleAsync(Context("Development", "GET", "/api/graphql", "application/json"), "/api/graphql", options));
        Assert.False(await GraphiQLPage.TryHandleAsync(Context("Development", "POST", "/api/graphql", "text/html"), "/api/graphql", options));
        Assert.False(await GraphiQLPage.TryHandleAsync(Context("Development", "GET", "/other", "text/html"), "/api/graphql", options));
        Assert.False(await GraphiQLPage.TryHandleAsync(Context("Production", "GET", "/api/graphql", "text/html"), "/api/graphql", options));
        Assert.False(await GraphiQLPage.TryHandleAsync(Context("Production", "GET", "/api/graphql/_ide/tickr-ide.js", null), "/api/graphql", options));
        Assert.True(await GraphiQLPage.TryHandleAsync(Context("Production", "GET", "/api/graphql", "text/html"), "/api/graphql", new GraphiQLOptions { Enabled = true }));
    }
}
