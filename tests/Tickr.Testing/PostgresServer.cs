using System.Diagnostics;
using System.Globalization;
using System.Text;
using Npgsql;

namespace Tickr.Testing;

/// <summary>
/// One PostgreSQL cluster per test process, started from the machine's binaries (Debian: /usr/lib/postgresql/N/bin) with
/// <c>initdb</c> into a temporary directory and <c>pg_ctl start</c> on a free loopback port, tuned for tests (no fsync,
/// trust authentication on loopback, 300 connections). Started on first use by <see cref="GetAsync"/> and shared by every
/// test class of the process; stopped, and its directory deleted, when the process exits. A cluster left behind by a
/// process that died without that (killed test host) is removed by the next start.
/// <para>
/// Give each test class its own database (<see cref="PostgresTemplate"/> copies a prepared one quickly); the cluster-wide
/// fault injections (<see cref="RestartAsync"/>) affect every class running at the time, so tests that use them should
/// run in a non-parallel collection.
/// </para>
/// </summary>
public sealed class PostgresServer
{
    /// <summary>Prefix of the cluster directories in the temp directory; the leftover scan looks for it.</summary>
    internal const string DirectoryPrefix = "tickr-testing-pg-";
    private const string OwnerFile = "owner";
    private const string Superuser = "postgres";
    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartSharedAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private int _stopped;

    private PostgresServer(string binDirectory, string rootDirectory, bool asPostgresUser)
    {
        BinDirectory = binDirectory;
        RootDirectory = rootDirectory;
        AsPostgresUser = asPostgresUser;
    }

    /// <summary>The directory of initdb, pg_ctl and postgres.</summary>
    public string BinDirectory { get; }

    /// <summary>The cluster's temporary directory (data, socket and log).</summary>
    public string RootDirectory { get; }

    public string DataDirectory => Path.Combine(RootDirectory, "data");

    public string LogFile => Path.Combine(RootDirectory, "postgres.log");

    public int Port { get; private set; }

    /// <summary>True when running as root: initdb refuses root, so the cluster runs as the <c>postgres</c> OS user.</summary>
    internal bool AsPostgresUser { get; }

    private string SocketDirectory => Path.Combine(RootDirectory, "sock");

    /// <summary>The process's cluster, started on the first call (thread-safe; later calls get the same instance).</summary>
    public static Task<PostgresServer> GetAsync() => Shared.Value;

    /// <summary>A connection string for <paramref name="database"/> as the superuser (trust authentication, no password).</summary>
    public string ConnectionString(string database, bool pooling = true)
        => new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = Superuser,
            Database = database,
            Pooling = pooling,
            IncludeErrorDetail = true,
        }.ConnectionString;

    /// <summary>CREATE DATABASE, empty or as a copy of <paramref name="template"/> (which must have no open connection).</summary>
    public async Task CreateDatabaseAsync(string name, string? template = null)
    {
        var sql = "CREATE DATABASE " + Quote(name) + (template is null ? "" : " TEMPLATE " + Quote(template));
        if (template is not null)
        {
            // Idle pooled connections of this process would make the copy fail ("being accessed by other users").
            ClearPool(template);
        }

        await ExecuteAsync("postgres", sql).ConfigureAwait(false);
    }

    /// <summary>DROP DATABASE IF EXISTS … WITH (FORCE): connections still open to it are terminated first.</summary>
    public async Task DropDatabaseAsync(string name)
    {
        ClearPool(name);
        await ExecuteAsync("postgres", $"DROP DATABASE IF EXISTS {Quote(name)} WITH (FORCE)").ConfigureAwait(false);
    }

    /// <summary>Runs SQL (one or more statements) in <paramref name="database"/> on a connection of its own (not pooled).</summary>
    public async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database, pooling: false));
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    /// <summary>The first column of the first row, on a connection of its own (not pooled).</summary>
    public async Task<T?> ScalarAsync<T>(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database, pooling: false));
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync().ConfigureAwait(false);
        return value is null or DBNull ? default : (T)value;
    }

    /// <summary>
    /// Terminates every backend connected to <paramref name="database"/> (pg_terminate_backend), as an administrator or a
    /// failover would: the clients' next command fails. Returns how many were terminated.
    /// </summary>
    public async Task<long> TerminateConnectionsAsync(string database)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres", pooling: false));
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = database });
        return (long)(await command.ExecuteScalarAsync().ConfigureAwait(false))!;
    }

    /// <summary>
    /// Stops the cluster (fast shutdown: open connections are closed) and starts it again on the same port with the same
    /// data. Pooled connections of this process are not cleared: code under test meets them broken, as after a real restart.
    /// </summary>
    public async Task RestartAsync()
    {
        await _lifecycle.WaitAsync().ConfigureAwait(false);
        try
        {
            await PgCtlAsync("stop", "-m", "fast").ConfigureAwait(false);
            await PgCtlAsync("start", "-l", LogFile).ConfigureAwait(false);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    internal static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private void ClearPool(string database)
    {
        using var connection = new NpgsqlConnection(ConnectionString(database));
        NpgsqlConnection.ClearPool(connection);
    }

    private static async Task<PostgresServer> StartSharedAsync()
    {
        var binDirectory = FindBinDirectory();
        var asPostgresUser = IsRoot();
        RemoveLeftovers(Path.GetTempPath(), binDirectory, asPostgresUser);

        var root = Path.Combine(Path.GetTempPath(), DirectoryPrefix + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        // Written first: if this process dies at any later point, the next run knows the directory is orphaned.
        await File.WriteAllTextAsync(Path.Combine(root, OwnerFile), OwnerStamp(Environment.ProcessId)).ConfigureAwait(false);
        Directory.CreateDirectory(Path.Combine(root, "sock"));
        var server = new PostgresServer(binDirectory, root, asPostgresUser);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.StopAndDelete();
        // The exit handler is not enough: the test runner kills its test host shortly after the last test, often in the
        // middle of the handler, and a crashed or killed host runs no handler at all.
        await server.StartWatchdogAsync().ConfigureAwait(false);
        try
        {
            if (asPostgresUser)
            {
                await RunAsync("chown", ["-R", Superuser + ":" + Superuser, root], asPostgresUser: false).ConfigureAwait(false);
            }

            await server.InitializeClusterAsync().ConfigureAwait(false);
            await server.StartOnFreePortAsync().ConfigureAwait(false);
            return server;
        }
        catch
        {
            server.StopAndDelete();
            throw;
        }
    }

    /// <summary>
    /// A detached shell that waits for this process to end, however it ends, then stops the cluster and deletes its
    /// directory. Started through a shell that exits at once, so it is not in this process's tree (the runner may kill
    /// the whole tree) and it does not keep this process's output pipes open.
    /// </summary>
    private async Task StartWatchdogAsync()
    {
        const string Watch = """
            while kill -0 "$1" 2>/dev/null; do sleep 1; done
            if [ "$4" = postgres ]; then runuser -u postgres -- "$5" stop -D "$2" -m immediate -w; else "$5" stop -D "$2" -m immediate -w; fi
            rm -rf "$3"
            """;
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = "/" };
        foreach (var argument in new[]
        {
            "-c", "setsid /bin/sh -c \"$0\" watchdog \"$@\" </dev/null >/dev/null 2>&1 &",
            Watch,
            Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
            DataDirectory,
            RootDirectory,
            AsPostgresUser ? "postgres" : "self",
            Path.Combine(BinDirectory, "pg_ctl"),
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var launcher = Process.Start(start) ?? throw new InvalidOperationException("Could not start the cluster's watchdog shell.");
        await launcher.WaitForExitAsync().ConfigureAwait(false);
    }

    private async Task InitializeClusterAsync()
    {
        await RunAsync(
            Path.Combine(BinDirectory, "initdb"),
            ["-D", DataDirectory, "--username=" + Superuser, "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync", "--no-instructions"],
            AsPostgresUser).ConfigureAwait(false);
    }

    private async Task StartOnFreePortAsync()
    {
        // The free port is only free when it was picked: another process may take it before the server binds it.
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePorts.Next();
            await File.AppendAllTextAsync(Path.Combine(DataDirectory, "postgresql.conf"), Settings()).ConfigureAwait(false);
            try
            {
                await PgCtlAsync("start", "-l", LogFile).ConfigureAwait(false);
                return;
            }
            catch (InvalidOperationException) when (attempt < 5 && ReadLog().Contains("could not bind", StringComparison.Ordinal))
            {
            }
            catch (InvalidOperationException ex)
            {
                throw new InvalidOperationException($"{ex.Message}\n{LogFile}:\n{ReadLog()}", ex);
            }
        }
    }

    /// <summary>Appended to postgresql.conf (a later line wins, so a retry on another port just appends again).</summary>
    private string Settings() => string.Create(CultureInfo.InvariantCulture, $"""

        # Tickr test cluster: durability off (a crash loses the cluster, which is thrown away anyway), room for many pools.
        listen_addresses = '127.0.0.1'
        port = {Port}
        unix_socket_directories = '{SocketDirectory}'
        max_connections = 300
        shared_buffers = 64MB
        fsync = off
        synchronous_commit = off
        full_page_writes = off
        wal_level = minimal
        max_wal_senders = 0
        checkpoint_timeout = 30min
        max_wal_size = 1GB
        jit = off
        log_min_messages = warning

        """);

    private Task PgCtlAsync(string action, params string[] options)
        => RunAsync(Path.Combine(BinDirectory, "pg_ctl"), [action, "-D", DataDirectory, "-w", "-t", "60", .. options], AsPostgresUser);

    /// <summary>Immediate shutdown (nothing to keep) and the directory removed; runs on process exit, so it never throws.</summary>
    private void StopAndDelete()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        StopCluster(BinDirectory, RootDirectory, AsPostgresUser);
        TryDelete(RootDirectory);
    }

    private static void StopCluster(string binDirectory, string root, bool asPostgresUser)
    {
        var data = Path.Combine(root, "data");
        if (!File.Exists(Path.Combine(data, "postmaster.pid")))
        {
            return;
        }

        try
        {
            RunAsync(Path.Combine(binDirectory, "pg_ctl"), ["stop", "-D", data, "-m", "immediate", "-w", "-t", "30"], asPostgresUser)
                .GetAwaiter().GetResult();
        }
        catch (Exception)
        {
            // pg_ctl could not stop it (say, a damaged data directory): end the postmaster by its pid, if it is one.
            KillPostmaster(data);
        }
    }

    private static void KillPostmaster(string data)
    {
        try
        {
            var firstLine = File.ReadLines(Path.Combine(data, "postmaster.pid")).FirstOrDefault();
            if (int.TryParse(firstLine, NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && File.Exists($"/proc/{pid}/comm")
                && File.ReadAllText($"/proc/{pid}/comm").Trim() is "postgres" or "postmaster")
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
            }
        }
        catch (Exception)
        {
            // Gone meanwhile, or not ours to end: nothing more to do on the way out.
        }
    }

    /// <summary>
    /// Removes the clusters of test processes that are gone (killed before their exit handler ran): their postgres keeps
    /// running and their directory stays. Clusters of live processes (parallel test runs) are left alone.
    /// </summary>
    internal static void RemoveLeftovers(string tempDirectory, string binDirectory, bool asPostgresUser)
    {
        foreach (var root in Directory.EnumerateDirectories(tempDirectory, DirectoryPrefix + "*"))
        {
            try
            {
                var owner = Path.Combine(root, OwnerFile);
                var orphaned = File.Exists(owner)
                    ? !IsAlive(File.ReadAllText(owner))
                    // No stamp: its process died between creating and stamping it, before any cluster was started there.
                    // Only an old one, never started, is removed: a directory in that state now may be a run starting up.
                    : !File.Exists(Path.Combine(root, "data", "postmaster.pid")) && Directory.GetCreationTimeUtc(root) < DateTime.UtcNow.AddMinutes(-10);
                if (orphaned)
                {
                    StopCluster(binDirectory, root, asPostgresUser);
                    TryDelete(root);
                }
            }
            catch (Exception)
            {
                // Another run is removing it at the same time, or it is not ours to remove: not this run's problem.
            }
        }
    }

    /// <summary>"pid start-time": the start time tells a live owner from a new process that reuses its pid.</summary>
    internal static string OwnerStamp(int pid) => string.Create(CultureInfo.InvariantCulture, $"{pid} {StartTime(pid)}");

    private static bool IsAlive(string stamp)
    {
        var parts = stamp.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            && StartTime(pid) is { } started
            && started == parts[1];
    }

    /// <summary>Field 22 of /proc/PID/stat (start time in clock ticks since boot), or null when there is no such process.</summary>
    private static string? StartTime(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) is in parentheses and may contain spaces: count fields after its closing one.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields.Length > 19 ? fields[19] : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void TryDelete(string directory)
    {
        // Right after a shutdown the server's last processes may still be removing files ("directory not empty").
        for (var attempt = 0; attempt < 20 && Directory.Exists(directory); attempt++)
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Thread.Sleep(50);
            }
        }
    }

    private static bool IsRoot()
    {
        // Effective uid, the second number of the Uid line: what initdb checks.
        var uid = File.ReadLines("/proc/self/status").FirstOrDefault(line => line.StartsWith("Uid:", StringComparison.Ordinal));
        return uid?.Split('\t', ' ', StringSplitOptions.RemoveEmptyEntries) is [_, _, "0", ..];
    }

    /// <summary>
    /// TICKR_PG_BINDIR, else <c>pg_config --bindir</c> when it has initdb, else the newest /usr/lib/postgresql/N/bin (Debian
    /// keeps the server binaries off PATH).
    /// </summary>
    private static string FindBinDirectory()
    {
        if (Environment.GetEnvironmentVariable("TICKR_PG_BINDIR") is { Length: > 0 } configured)
        {
            return HasInitdb(configured) ? configured : throw new InvalidOperationException($"TICKR_PG_BINDIR={configured} has no initdb.");
        }

        try
        {
            var fromPgConfig = RunAsync("pg_config", ["--bindir"], asPostgresUser: false).GetAwaiter().GetResult().Trim();
            if (HasInitdb(fromPgConfig))
            {
                return fromPgConfig;
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // No pg_config (it comes with libpq-dev, not with the server): look where Debian installs the server.
        }

        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.EnumerateDirectories("/usr/lib/postgresql")
                .Select(directory => (Directory: Path.Combine(directory, "bin"), Version: double.TryParse(Path.GetFileName(directory), NumberStyles.Float, CultureInfo.InvariantCulture, out var version) ? version : 0))
                .Where(candidate => HasInitdb(candidate.Directory))
                .OrderByDescending(candidate => candidate.Version)
                .Select(candidate => candidate.Directory)
                .FirstOrDefault()
            : null;
        return debian ?? throw new InvalidOperationException(
            "PostgreSQL's server binaries (initdb) were not found in /usr/lib/postgresql/*/bin. The tests run a real "
            + "PostgreSQL: install it with 'apt-get install -y postgresql' (./test.sh does this when run as root), or set "
            + "TICKR_PG_BINDIR to the directory of initdb.");
    }

    private static bool HasInitdb(string directory) => File.Exists(Path.Combine(directory, "initdb"));

    /// <summary>Runs a program to completion (as the postgres OS user when asked); returns stdout, throws with its output on failure.</summary>
    private static async Task<string> RunAsync(string program, string[] arguments, bool asPostgresUser)
    {
        var start = new ProcessStartInfo(asPostgresUser ? "runuser" : program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // The postgres user usually cannot read the test's working directory; initdb and pg_ctl start in cwd.
            WorkingDirectory = "/",
        };
        if (asPostgresUser)
        {
            foreach (var argument in new[] { "-u", Superuser, "--", program })
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            var command = new StringBuilder(start.FileName);
            foreach (var argument in start.ArgumentList)
            {
                command.Append(' ').Append(argument);
            }

            throw new InvalidOperationException($"'{command}' exited with {process.ExitCode}:\n{await output.ConfigureAwait(false)}{await error.ConfigureAwait(false)}");
        }

        return await output.ConfigureAwait(false);
    }

    private string ReadLog()
    {
        try
        {
            return File.ReadAllText(LogFile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
