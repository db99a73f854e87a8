using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Tickr.Testing.Payments;

/// <summary>
/// A real Kestrel server on a free loopback port, for fake providers. It can be stopped (the provider is down:
/// connections are refused) and started again on the same port.
/// </summary>
public abstract class FakeHttpServer : IAsyncDisposable
{
    private WebApplication? _app;

    protected FakeHttpServer() => Port = FreePorts.Next();

    public int Port { get; }

    /// <summary><c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri Address => new($"http://127.0.0.1:{Port}/");

    public bool IsRunning => _app is not null;

    public async Task StartAsync()
    {
        if (_app is not null)
        {
            return;
        }
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = GetType().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Development",
        });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{Port}");
        var app = builder.Build();
        Map(app);
        await app.StartAsync().ConfigureAwait(false);
        _app = app;
    }

    /// <summary>Stops listening: from now on, connections to <see cref="Address"/> are refused.</summary>
    public async Task StopAsync()
    {
        var app = _app;
        _app = null;
        if (app is not null)
        {
            await app.StopAsync().ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Maps the fake's endpoints.</summary>
    protected abstract void Map(WebApplication app);
}
