using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Tickr.Testing;

/// <summary>
/// One real PostgreSQL 15 cluster per test run, from Debian's binaries: initdb into a temporary directory, started on
/// a free loopback port with durability off (tests need speed, not crash safety). Run as the <c>postgres</c> user when
/// the tests run as root, since initdb refuses root. Stopped and deleted when the test process exits, or by a watchdog
/// when the test process is killed.
/// </summary>
public sealed class PostgresServer
{
    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync);

    private readonly string _directory;
    private readonly string _bin;

    private PostgresServer(string directory, string bin, int port)
    {
        _directory = directory;
        _bin = bin;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The cluster of this test run, started on first use.</summary>
    public static Task<PostgresServer> GetAsync() => Shared.Value;

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Include Error Detail=true;Maximum Pool Size=50";

    public async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database) + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A new database, optionally a copy of <paramref name="template"/> (which must have no open connection).</summary>
    public Task CreateDatabaseAsync(string name, string? template = null) =>
        ExecuteAsync("postgres", template is null ? $"CREATE DATABASE \"{name}\"" : $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");

    /// <summary>Ends every session of <paramref name="database"/> (a crashed connection, as the application sees it).</summary>
    public Task TerminateConnectionsAsync(string database) =>
        ExecuteAsync("postgres", $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}' AND pid <> pg_backend_pid()");

    private static async Task<PostgresServer> StartAsync()
    {
        var bin = new[] { "/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/17/bin" }
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException(
                "PostgreSQL is not installed: 'apt-get install -y postgresql' (./test.sh does it when run as root).");
        var directory = Path.Combine(Path.GetTempPath(), "tickr-pg-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await RunAsync("chown", ["postgres:postgres", directory]);
        }
        StartWatchdog(bin, directory, asRoot);
        var data = Path.Combine(directory, "data");
        await RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync", "--locale=C.UTF-8"], asRoot);
        var port = FreePort();
        var options = string.Join(' ',
            "-p", port.ToString(CultureInfo.InvariantCulture), "-k", directory, "-c", "listen_addresses=127.0.0.1",
            "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
            "-c", "max_connections=300", "-c", "shared_buffers=128MB");
        await RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-o", options, "-l", Path.Combine(directory, "server.log"), "-w", "-t", "60", "start"], asRoot);
        var server = new PostgresServer(directory, bin, port);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop(asRoot);
        return server;
    }

    /// <summary>
    /// The test runner may kill the test host once the results are in, and a killed process raises no ProcessExit:
    /// the cluster would run on, orphaned, holding a port and memory on a shared machine. A detached shell (its own
    /// session, so it outlives the host's process group) waits for this process to go, then stops and deletes the
    /// cluster. It checks /proc rather than <c>kill -0</c>, which fails across users when it runs as postgres.
    /// </summary>
    private static void StartWatchdog(string bin, string directory, bool asRoot)
    {
        var script = string.Join("; ",
            "exec </dev/null >/dev/null 2>&1",
            $"while [ -d /proc/{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)} ]; do sleep 2; done",
            $"'{Path.Combine(bin, "pg_ctl")}' -D '{Path.Combine(directory, "data")}' -m immediate -w stop",
            $"rm -rf '{directory}'");
        // Own pipes, never read: the runner must not wait for the watchdog to close the test host's output.
        var start = new ProcessStartInfo("setsid")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in asRoot ? new[] { "runuser", "-u", "postgres", "--", "sh", "-c", script } : ["sh", "-c", script])
        {
            start.ArgumentList.Add(a);
        }
        // Not awaited and not disposed with a wait: it must outlive this process.
        using var _ = Process.Start(start);
    }

    private void Stop(bool asRoot)
    {
        try
        {
            NpgsqlConnection.ClearAllPools();
            var stop = new ProcessStartInfo(asRoot ? "runuser" : Path.Combine(_bin, "pg_ctl")) { UseShellExecute = false };
            if (asRoot)
            {
                foreach (var a in new[] { "-u", "postgres", "--", Path.Combine(_bin, "pg_ctl") })
                {
                    stop.ArgumentList.Add(a);
                }
            }
            foreach (var a in new[] { "-D", Path.Combine(_directory, "data"), "-m", "immediate", "-w", "stop" })
            {
                stop.ArgumentList.Add(a);
            }
            using var process = Process.Start(stop);
            process?.WaitForExit(10_000);
            Directory.Delete(_directory, recursive: true);
        }
        catch (Exception)
        {
            // Best effort at exit: a leftover temp directory must not fail the run.
        }
    }

    private static async Task RunAsync(string executable, string[] arguments, bool asPostgres = false)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (asPostgres)
        {
            foreach (var a in new[] { "-u", "postgres", "--", executable })
            {
                start.ArgumentList.Add(a);
            }
        }
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{executable} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output}{await error}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
