using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Tickr.Bench.Catalog;

/// <summary>
/// A throwaway PostgreSQL cluster from Debian's binaries, as tests/Tickr.Testing/PostgresServer.cs starts one: initdb
/// into a temporary directory, pg_ctl start on a free loopback port, as the <c>postgres</c> user when running as root
/// (initdb refuses root). Durability is off (fsync, synchronous commit) unless the caller turns it back on with
/// extra settings: the catalog benchmark only reads, and the seed is
/// faster. Optionally pinned with taskset (the postmaster and every backend inherit the affinity) and with
/// pg_stat_statements loaded, to count and time the statements of each phase.
/// </summary>
internal sealed class PostgresCluster : IAsyncDisposable
{
    private readonly string _directory;
    private readonly string _bin;
    private readonly bool _asRoot;

    private PostgresCluster(string directory, string bin, int port, bool asRoot)
    {
        _directory = directory;
        _bin = bin;
        Port = port;
        _asRoot = asRoot;
    }

    public int Port { get; }

    /// <summary>A connection string to <paramref name="database"/> as the superuser.</summary>
    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username=postgres;Database={database}";

    /// <summary>The postmaster's process id (first line of postmaster.pid).</summary>
    public int PostmasterPid =>
        int.Parse(File.ReadLines(Path.Combine(_directory, "data", "postmaster.pid")).First(), CultureInfo.InvariantCulture);

    /// <param name="cpus">taskset CPU list for the cluster, or null.</param>
    /// <param name="statements">Load pg_stat_statements.</param>
    /// <param name="extraSettings">More <c>-c name=value</c> settings, after the defaults (a later one wins: e.g.
    /// <c>fsync=on</c> for a benchmark that writes).</param>
    /// <param name="name">Prefix of the temporary directory.</param>
    public static async Task<PostgresCluster> StartAsync(string? cpus, bool statements, IReadOnlyList<string>? extraSettings = null, string name = "tickr-catalog-bench")
    {
        var bin = new[] { "/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/17/bin" }
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException("PostgreSQL is not installed: apt-get install -y postgresql (or pass --connection).");
        var directory = Path.Combine(Path.GetTempPath(), name + "-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
        Directory.CreateDirectory(directory);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await RunAsync("chown", ["postgres:postgres", directory], false);
        }
        var data = Path.Combine(directory, "data");
        await RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync", "--locale=C.UTF-8"], asRoot);
        var port = FreePort();
        var settings = new List<string>
        {
            "-p", port.ToString(CultureInfo.InvariantCulture), "-k", directory, "-c", "listen_addresses=127.0.0.1",
            "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
            // 32 clients of the floor, and up to 100 pooled connections of the server (Npgsql's default maximum).
            "-c", "max_connections=300", "-c", "shared_buffers=128MB",
        };
        if (statements)
        {
            settings.AddRange(["-c", "shared_preload_libraries=pg_stat_statements", "-c", "pg_stat_statements.track=top"]);
        }
        foreach (var setting in extraSettings ?? [])
        {
            settings.AddRange(["-c", setting]);
        }
        string[] start = [Path.Combine(bin, "pg_ctl"), "-D", data, "-o", string.Join(' ', settings), "-l", Path.Combine(directory, "server.log"), "-w", "-t", "60", "start"];
        if (cpus is not null)
        {
            start = ["taskset", "-c", cpus, .. start];
        }
        await RunAsync(start[0], start[1..], asRoot);
        return new PostgresCluster(directory, bin, port, asRoot);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", Path.Combine(_directory, "data"), "-m", "immediate", "-w", "stop"], _asRoot);
            Directory.Delete(_directory, recursive: true);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"Could not stop or delete the cluster in {_directory}: {e.Message}");
        }
    }

    private static async Task RunAsync(string executable, string[] arguments, bool asPostgres)
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
