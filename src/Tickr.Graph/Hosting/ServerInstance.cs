using System.Reflection;

namespace Tickr.Graph.Hosting;

/// <summary>
/// Facts about this server process that do not change while it runs. The instance id is new for every process, so
/// behind a load balancer (several instances sharing the Redis bus) a client can tell which instance answered.
/// </summary>
public sealed class ServerInstance
{
    public ServerInstance(string environmentName, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        EnvironmentName = environmentName;
        StartedAt = clock.GetUtcNow();
        InstanceId = Guid.NewGuid().ToString("N")[..12];
        Version = ReadVersion();
    }

    /// <summary>The informational version of the server assembly (e.g. <c>0.1.0+{commit}</c>).</summary>
    public string Version { get; }

    public string EnvironmentName { get; }

    public string InstanceId { get; }

    public DateTimeOffset StartedAt { get; }

    private static string ReadVersion()
    {
        var assembly = typeof(ServerInstance).Assembly;
        return assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "unknown";
    }
}
