using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;

namespace Tickr.Bench.Catalog;

/// <summary>
/// The real Tickr server as a separate process, as it is deployed: <c>dotnet Tickr.Graph.dll --urls … --environment
/// Production</c> (or another environment the caller names) with PostgreSQL configured by environment variables, no migration or seed at start-up (the
/// benchmark did both), the IDE off, a random signing key. Its output goes to a log file next to the benchmark's
/// temporary files. Ready when <c>/health/ready</c> answers 200.
/// </summary>
internal sealed class TickrServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private bool _logClosed;

    private TickrServer(Process process, StreamWriter log, string logPath)
    {
        _process = process;
        _log = log;
        LogPath = logPath;
    }

    public int Pid => _process.Id;

    public string LogPath { get; }

    public static async Task<TickrServer> StartAsync(string dll, int port, string connectionString, string? cpus,
        IEnumerable<KeyValuePair<string, string>> environment, CancellationToken cancellationToken, string environmentName = "Production")
    {
        var url = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        string[] command = ["dotnet", dll, "--urls", url, "--environment", environmentName];
        if (cpus is not null)
        {
            // taskset execs dotnet, and the dotnet host runs the app in its own process: the pid stays the server's.
            command = ["taskset", "-c", cpus, .. command];
        }
        var start = new ProcessStartInfo(command[0])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        foreach (var a in command[1..])
        {
            start.ArgumentList.Add(a);
        }
        start.Environment["ConnectionStrings__Tickr"] = connectionString;
        start.Environment["Tickr__Auth__SigningKey"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        start.Environment["Tickr__Data__MigrateOnStartup"] = "false";
        start.Environment["Tickr__Data__SeedDemo"] = "false";
        start.Environment["Tickr__Ide__Enabled"] = "false";
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var logPath = Path.Combine(Path.GetTempPath(), $"tickr-catalog-bench-server-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}.log");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = new Process { StartInfo = start };
        var server = new TickrServer(process, log, logPath);
        process.OutputDataReceived += (_, e) => server.Write(e.Data);
        process.ErrorDataReceived += (_, e) => server.Write(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var ready = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                var exitCode = process.ExitCode;
                await server.DisposeAsync();
                throw new InvalidOperationException($"The Tickr server exited ({exitCode}) before it was ready; see {logPath}.");
            }
            try
            {
                using var response = await http.GetAsync(new Uri(url + "/health/ready"), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }
            if (ready.Elapsed > TimeSpan.FromSeconds(60))
            {
                await server.DisposeAsync();
                throw new TimeoutException($"The Tickr server was not ready after 60 s; see {logPath}.");
            }
            await Task.Delay(100, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM: the host shuts down gracefully; kill it if it does not within 10 s.
            using (var term = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false }))
            {
                await term!.WaitForExitAsync();
            }
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill();
                await _process.WaitForExitAsync();
            }
        }
        _process.Dispose();
        lock (_log)
        {
            _logClosed = true;
            _log.Dispose();
        }
    }

    private void Write(string? line)
    {
        lock (_log)
        {
            if (line is not null && !_logClosed)
            {
                _log.WriteLine(line);
            }
        }
    }
}
