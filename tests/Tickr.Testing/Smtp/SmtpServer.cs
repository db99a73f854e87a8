using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;
using Xunit;

namespace Tickr.Testing.Smtp;

/// <summary>
/// A real SMTP server: Debian's aiosmtpd (<c>python3 -m aiosmtpd</c>) on a free loopback port, storing every message it
/// accepts in a Maildir under a temporary folder (aiosmtpd's <c>Mailbox</c> handler), except that it answers
/// <c>550</c> to recipients whose address starts with <see cref="RejectedPrefix"/>, as a server does for a mailbox that
/// does not exist. No authentication, no TLS (security <c>None</c>). It can be killed and
/// started again on the same port (SMTP down and back); what it received survives that. Use it as a class fixture
/// (<c>IClassFixture&lt;SmtpServer&gt;</c>); the folder is deleted on dispose.
/// </summary>
public sealed class SmtpServer : IAsyncLifetime, IDisposable
{
    /// <summary>Recipients whose address starts with this are refused with <c>550 5.1.1</c> at RCPT TO.</summary>
    public const string RejectedPrefix = "rejected";

    // aiosmtpd's Maildir handler with a RCPT hook; loaded from the temporary folder through PYTHONPATH.
    private const string HandlerModule = "tickr_smtp_handler";
    private const string HandlerSource = """
        from aiosmtpd.handlers import Mailbox


        class Handler(Mailbox):
            async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
                if address.lower().startswith("rejected"):
                    return "550 5.1.1 No such mailbox here"
                envelope.rcpt_tos.append(address)
                envelope.rcpt_options.extend(rcpt_options)
                return "250 OK"

        """;

    private static readonly string[] PythonLocations = ["/usr/bin/python3", "/usr/local/bin/python3"];
    private readonly StringBuilder _output = new();
    private readonly string _root;
    private Process? _process;

    /// <summary>Picks a free port and a temporary Maildir; nothing is started until <see cref="StartAsync"/> (or xUnit's InitializeAsync).</summary>
    public SmtpServer()
    {
        Port = FreePorts.Next();
        _root = Path.Combine(Path.GetTempPath(), "tickr-smtp-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_root);
    }

    public string Host => "127.0.0.1";

    public int Port { get; }

    /// <summary>The Maildir the server delivers into (<c>new/</c> holds the messages).</summary>
    public string MailDirectory => Path.Combine(_root, "maildir");

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Every message received so far, oldest first, parsed with MimeKit.</summary>
    public IReadOnlyList<MimeMessage> Messages => ReadMessages();

    public Task InitializeAsync() => StartAsync();

    public async Task DisposeAsync()
    {
        await StopAsync();
        DeleteFolder();
    }

    public void Dispose()
    {
        Kill();
        DeleteFolder();
    }

    public async Task StartAsync()
    {
        if (IsRunning)
        {
            return;
        }

        var python = FindPython();
        await File.WriteAllTextAsync(Path.Combine(_root, HandlerModule + ".py"), HandlerSource);
        var start = new ProcessStartInfo(python)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PYTHONPATH"] = _root;
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        // -n: stay the current user (aiosmtpd would switch to nobody when run as root); -u: SMTPUTF8.
        foreach (var argument in new[]
        {
            "-m", "aiosmtpd", "-n", "-u", "-l", $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}",
            "-c", HandlerModule + ".Handler", MailDirectory,
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start python3 -m aiosmtpd.");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            if (process.HasExited)
            {
                await process.WaitForExitAsync();
                _process = null;
                throw new InvalidOperationException(
                    $"aiosmtpd exited with code {process.ExitCode} on port {Port}. It comes from Debian's python3-aiosmtpd "
                    + $"('apt-get install -y python3-aiosmtpd'; ./test.sh does this when run as root).\n{Output()}");
            }

            if (await GreetsAsync())
            {
                return;
            }

            if (DateTime.UtcNow >= deadline)
            {
                Kill();
                throw new InvalidOperationException($"aiosmtpd did not greet on port {Port} within 15 s:\n{Output()}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Kills the server (SMTP down: connections are refused). The messages received so far stay readable.</summary>
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
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        process.Dispose();
    }

    /// <summary>Waits until at least <paramref name="count"/> messages have arrived and returns all of them, oldest first.</summary>
    /// <exception cref="TimeoutException">Fewer arrived within <paramref name="timeout"/>.</exception>
    public async Task<IReadOnlyList<MimeMessage>> WaitForMessagesAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var messages = ReadMessages();
            if (messages.Count >= count)
            {
                return messages;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"{messages.Count} of {count} messages arrived at the SMTP server within {timeout}.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Waits until a message to <paramref name="address"/> has arrived and returns the first one.</summary>
    public async Task<MimeMessage> WaitForMessageToAsync(string address, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var message = ReadMessages().FirstOrDefault(m => m.To.Mailboxes.Any(to => string.Equals(to.Address, address, StringComparison.OrdinalIgnoreCase)));
            if (message is not null)
            {
                return message;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"No message to {address} arrived at the SMTP server within {timeout}.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Messages sent to <paramref name="address"/> so far.</summary>
    public IReadOnlyList<MimeMessage> MessagesTo(string address) =>
        ReadMessages().Where(m => m.To.Mailboxes.Any(to => string.Equals(to.Address, address, StringComparison.OrdinalIgnoreCase))).ToList();

    private List<MimeMessage> ReadMessages()
    {
        // Maildir: a message is written under tmp/ and renamed into new/ when complete, so every file there is whole.
        // Names start with the delivery time in seconds, then microseconds; ordering by write time, then name, keeps
        // the arrival order.
        var files = new List<FileInfo>();
        foreach (var folder in new[] { "new", "cur" })
        {
            var path = Path.Combine(MailDirectory, folder);
            if (Directory.Exists(path))
            {
                files.AddRange(new DirectoryInfo(path).GetFiles());
            }
        }

        return files
            .OrderBy(f => f.LastWriteTimeUtc)
            .ThenBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => MimeMessage.Load(f.FullName))
            .ToList();
    }

    private async Task<bool> GreetsAsync()
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await client.ConnectAsync(IPAddress.Loopback, Port, timeout.Token);
            await using var stream = client.GetStream();
            var buffer = new byte[512];
            var read = await stream.ReadAsync(buffer, timeout.Token);
            var greeting = Encoding.ASCII.GetString(buffer, 0, read);
            if (!greeting.StartsWith("220", StringComparison.Ordinal))
            {
                return false;
            }

            await stream.WriteAsync("QUIT\r\n"u8.ToArray(), timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }

    private static string FindPython()
    {
        // Debian's python3 first: python3-aiosmtpd installs into its dist-packages, which a python3 earlier on PATH
        // (pyenv, a virtualenv) does not see.
        var candidates = PythonLocations
            .Concat((Environment.GetEnvironmentVariable("PATH") ?? "")
                .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Select(directory => Path.Combine(directory, "python3")));
        foreach (var candidate in candidates.Where(File.Exists))
        {
            if (HasAiosmtpd(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            "No python3 with the aiosmtpd module was found (/usr/bin/python3, PATH). The tests run a real SMTP server: install it with "
            + "'apt-get install -y python3-aiosmtpd' (./test.sh does this when run as root) and run the tests again.");
    }

    private static bool HasAiosmtpd(string python)
    {
        var start = new ProcessStartInfo(python) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("import aiosmtpd");
        using var process = Process.Start(start);
        if (process is null)
        {
            return false;
        }

        if (!process.WaitForExit(10_000))
        {
            process.Kill();
            return false;
        }

        return process.ExitCode == 0;
    }

    private void Kill()
    {
        var process = _process;
        _process = null;
        if (process is null)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5_000);
            }
        }
        catch (InvalidOperationException)
        {
        }

        process.Dispose();
    }

    private void DeleteFolder()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (IOException)
        {
        }
    }

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
