using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Tickr.Graph.Tests.TestHost;

/// <summary>
/// The real Tickr server (its Program) in process. Settings go through <c>UseSetting</c>, which reaches
/// <c>builder.Configuration</c> before Program reads it (unlike ConfigureAppConfiguration, applied only at Build).
/// </summary>
public sealed class TickrAppFactory : WebApplicationFactory<Program>
{
    public const string SigningKey = "tickr-tests-signing-key-0123456789abcdef";

    private readonly Dictionary<string, string?> _settings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Tickr:Auth:SigningKey"] = SigningKey,
        // Each factory gets its own embedded database (parallel test classes must not share a file) and no demo data
        // unless a test asks for it.
        ["Tickr:Data:SqlitePath"] = Path.Combine(Path.GetTempPath(), "tickr-tests", Guid.NewGuid().ToString("N") + ".db"),
        ["Tickr:Data:SeedDemo"] = "false",
    };
    private readonly List<Action<IServiceCollection>> _services = [];
    private string _environment = "Development";
    private bool _kestrel;

    public TickrAppFactory WithSetting(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>Registers a service in the server (after Program's registrations), e.g. an EF Core interceptor.</summary>
    public TickrAppFactory WithService<TService>(TService instance) where TService : class
    {
        _services.Add(services => services.AddSingleton(instance));
        return this;
    }

    public TickrAppFactory WithEnvironment(string environment)
    {
        _environment = environment;
        return this;
    }

    /// <summary>Serve on real Kestrel, on a free loopback port (for WebSocket clients).</summary>
    public TickrAppFactory WithKestrel()
    {
        _kestrel = true;
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        return this;
    }

    /// <summary>The Kestrel address (after <see cref="WithKestrel"/>), e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri KestrelAddress
    {
        get
        {
            if (!_kestrel)
            {
                throw new InvalidOperationException("Call WithKestrel first.");
            }
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services =>
        {
            foreach (var configure in _services)
            {
                configure(services);
            }
        });
    }
}
