using Spectre.Console;

namespace Tickr.Cli.Tests;

/// <summary>
/// Runs the CLI through its entry point (<see cref="TickrCli.RunAsync"/>) as a user would, with captured consoles,
/// TICKR_SERVER pointing at the test server and a configuration folder of its own (one user's ~/.config/tickr).
/// </summary>
public sealed class CliRunner : IDisposable
{
    private readonly Uri _endpoint;

    public CliRunner(Uri endpoint)
    {
        _endpoint = endpoint;
        ConfigDirectory = Path.Combine(Path.GetTempPath(), "tickr-cli-tests", Guid.NewGuid().ToString("N"), "tickr");
    }

    public string ConfigDirectory { get; }

    public string CredentialsPath => Path.Combine(ConfigDirectory, "credentials.json");

    public Task<CliRun> RunAsync(params string[] args) => StartAsync(args, CancellationToken.None).Completion;

    /// <summary>Starts a command without waiting for it (watch); its output can be read while it runs.</summary>
    public CliRun StartAsync(string[] args, CancellationToken cancellationToken)
    {
        var output = new CapturedConsole();
        var error = new CapturedConsole();
        var host = new CliHost
        {
            Out = output.Console,
            Error = error.Console,
            ConfigDirectory = ConfigDirectory,
            Environment = name => name == "TICKR_SERVER" ? _endpoint.ToString() : null,
        };
        var run = new CliRun(output, error);
        run.Completion = Task.Run(async () =>
        {
            run.ExitCode = await TickrCli.RunAsync(args, host, cancellationToken: cancellationToken);
            return run;
        }, CancellationToken.None);
        return run;
    }

    public void Dispose()
    {
        var root = Path.GetDirectoryName(ConfigDirectory)!;
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }
}

public sealed class CliRun(CapturedConsole output, CapturedConsole error)
{
    public Task<CliRun> Completion { get; set; } = null!;

    public int ExitCode { get; set; } = -1;

    public string Out => output.Text;

    public string Error => error.Text;

    /// <summary>The lines that are ticket tokens, as printed (one per line, unwrapped).</summary>
    public IReadOnlyList<string> Tokens(string prefix = "") =>
        Out.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith(prefix + "TKR1.", StringComparison.Ordinal)).Select(l => l[prefix.Length..]).ToList();

    public override string ToString() => $"exit {ExitCode}\n--- out\n{Out}\n--- err\n{Error}";
}

/// <summary>A Spectre console writing plain text (no colours, no ANSI, wide) into a string, safe to read while written.</summary>
public sealed class CapturedConsole
{
    private readonly StringWriter _text = new();
    private readonly TextWriter _writer;

    public CapturedConsole()
    {
        _writer = TextWriter.Synchronized(_text);
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(_writer),
        });
        Console.Profile.Width = 160;
    }

    public IAnsiConsole Console { get; }

    public string Text
    {
        get
        {
            lock (_writer)
            {
                return _text.ToString();
            }
        }
    }
}
