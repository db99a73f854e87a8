using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Xunit;

namespace Tickr.Testing;

/// <summary>
/// A real redis-server from the machine's binaries on a free loopback port, without persistence. It can be killed and
/// started again on the same port (an outage), frozen and thawed (a hung server). Use it as a class fixture
/// (<c>IClassFixture&lt;RedisServer&gt;</c>): a class that kills or reconfigures its server disturbs no other class.
/// Commands to inspect it go over a raw RESP socket, independent of the client under test.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    private static readonly string[] KnownLocations = ["/usr/bin/redis-server", "/usr/local/bin/redis-server"];
    private readonly StringBuilder _output = new();
    private Process? _process;

    /// <summary>Picks a free port; nothing is started until <see cref="StartAsync"/> (or xUnit's InitializeAsync).</summary>
    public RedisServer() => Port = FreePorts.Next();

    public int Port { get; }

    /// <summary>The redis-server process id while it runs.</summary>
    public int? ProcessId => _process is { HasExited: false } process ? process.Id : null;

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>
    /// A StackExchange.Redis configuration string. The short connect timeout keeps "Redis down" tests and reconnect
    /// attempts quick (the default is 5 s per attempt).
    /// </summary>
    public string ConnectionString => $"127.0.0.1:{Port},connectTimeout=1000";

    public Task InitializeAsync() => StartAsync();

    public Task DisposeAsync() => StopAsync();

    public async Task StartAsync()
    {
        if (IsRunning)
        {
            return;
        }

        var executable = FindExecutable() ?? throw new InvalidOperationException(
            "redis-server was not found (PATH, /usr/bin, /usr/local/bin). The tests run a real Redis: install it with "
            + "'apt-get install -y redis-server' (./test.sh does this when run as root) and run the tests again.");

        var start = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
            "--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start redis-server.");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with code {process.ExitCode} on port {Port}:\n{Output()}");
            }

            try
            {
                if (await CommandAsync("PING") as string == "PONG")
                {
                    return;
                }
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new InvalidOperationException($"redis-server did not answer PING on port {Port} within 10 s:\n{Output()}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Kills the server (like a crash: clients see their connections drop).</summary>
    public async Task StopAsync()
    {
        var process = _process;
        _process = null;
        if (process is null)
        {
            return;
        }

        if (!process.HasExited)
        {
            process.Kill();
        }

        await process.WaitForExitAsync();
        process.Dispose();
    }

    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    /// <summary>SIGSTOP: the server keeps its connections open but answers nothing (a hung Redis).</summary>
    public Task FreezeAsync() => SignalAsync("STOP");

    /// <summary>SIGCONT: the frozen server resumes and answers what it received meanwhile.</summary>
    public Task ThawAsync() => SignalAsync("CONT");

    /// <summary>PUBSUB NUMSUB: how many clients (connections) are subscribed to the channel.</summary>
    public async Task<long> SubscriberCountAsync(string channel)
    {
        var reply = (object?[])(await CommandAsync("PUBSUB", "NUMSUB", channel))!;
        return (long)reply[1]!;
    }

    /// <summary>
    /// Sends one command on a fresh connection and returns the reply: a string (simple or bulk), a long, an array of
    /// those, or null. An error reply throws <see cref="InvalidOperationException"/>.
    /// </summary>
    public async Task<object?> CommandAsync(params string[] arguments)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Port);
        await using var stream = client.GetStream();

        var request = new StringBuilder().Append('*').Append(arguments.Length).Append("\r\n");
        foreach (var argument in arguments)
        {
            request.Append('$').Append(Encoding.UTF8.GetByteCount(argument)).Append("\r\n").Append(argument).Append("\r\n");
        }

        await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()));
        // Read asynchronously: a frozen server must leave the caller free (to thaw it, for one).
        await using var reader = new BufferedStream(stream);
        return await ReadReplyAsync(reader);
    }

    private async Task SignalAsync(string signal)
    {
        var pid = ProcessId ?? throw new InvalidOperationException("redis-server is not running.");
        using var kill = Process.Start("kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {pid} exited with {kill.ExitCode}.");
        }
    }

    private static async Task<object?> ReadReplyAsync(Stream reader)
    {
        var line = await ReadLineAsync(reader);
        var rest = line[1..];
        switch (line[0])
        {
            case '+':
                return rest;
            case '-':
                throw new InvalidOperationException("Redis error: " + rest);
            case ':':
                return long.Parse(rest, CultureInfo.InvariantCulture);
            case '$':
                var length = int.Parse(rest, CultureInfo.InvariantCulture);
                if (length < 0)
                {
                    return null;
                }

                var buffer = new byte[length + 2];
                await reader.ReadExactlyAsync(buffer);
                return Encoding.UTF8.GetString(buffer, 0, length);
            case '*':
                var count = int.Parse(rest, CultureInfo.InvariantCulture);
                if (count < 0)
                {
                    return null;
                }

                var items = new object?[count];
                for (var i = 0; i < count; i++)
                {
                    items[i] = await ReadReplyAsync(reader);
                }

                return items;
            default:
                throw new InvalidOperationException("Unexpected RESP reply: " + line);
        }
    }

    private static async Task<string> ReadLineAsync(Stream reader)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (true)
        {
            if (await reader.ReadAsync(one) == 0)
            {
                throw new IOException("Connection closed by redis-server.");
            }

            if (one[0] == '\n' && bytes.Count > 0 && bytes[^1] == '\r')
            {
                return Encoding.UTF8.GetString(bytes.ToArray(), 0, bytes.Count - 1);
            }

            bytes.Add(one[0]);
        }
    }

    private static string? FindExecutable()
        => (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "redis-server"))
            .Concat(KnownLocations)
            .FirstOrDefault(File.Exists);

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }
}
