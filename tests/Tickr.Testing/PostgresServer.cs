using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Tickr.Testing;

/// <summary>
/// One real PostgreSQL 15 cluster per test run, from Debian's binaries: initdb into a temporary directory, started on
/// a free loopback port with durability off (tests need speed, not crash safety). Run as the <c>postgres</c> user when
/// the tests run as root, since initdb refuses root. Stopped and deleted when the test process exits.
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
