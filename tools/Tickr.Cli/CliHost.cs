using Spectre.Console;

namespace Tickr.Cli;

/// <summary>
/// What a run of the CLI reads from and writes to: the consoles, the environment and the configuration folder. The
/// process passes its own (<see cref="FromProcess"/>); tests pass captured consoles and a folder of their own.
/// </summary>
public sealed class CliHost
{
    public required IAnsiConsole Out { get; init; }

    /// <summary>Where errors go (standard error for the process).</summary>
    public required IAnsiConsole Error { get; init; }

    /// <summary>Reads an environment variable (TICKR_SERVER, TICKR_PASSWORD…).</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>The folder holding credentials.json; null: <see cref="DefaultConfigDirectory"/>.</summary>
    public string? ConfigDirectory { get; init; }

    /// <summary>Standard input, for <c>login --password-stdin</c>.</summary>
    public TextReader In { get; init; } = TextReader.Null;

    public static CliHost FromProcess()
    {
        var output = AnsiConsole.Console;
        var error = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        // Piped into a file or another program there is no terminal width: Spectre would wrap at 80 columns.
        if (Console.IsOutputRedirected)
        {
            output.Profile.Width = RedirectedWidth;
        }
        if (Console.IsErrorRedirected)
        {
            error.Profile.Width = RedirectedWidth;
        }
        return new CliHost { Out = output, Error = error, In = Console.In };
    }

    private const int RedirectedWidth = 200;

    /// <summary>
    /// TICKR_CONFIG_DIR when set; otherwise the per-user configuration folder ($XDG_CONFIG_HOME or ~/.config on Linux,
    /// ~/Library/Application Support… as .NET reports it elsewhere) + <c>tickr</c>.
    /// </summary>
    public string ResolveConfigDirectory()
    {
        if (ConfigDirectory is { Length: > 0 } configured)
        {
            return configured;
        }
        if (Environment("TICKR_CONFIG_DIR") is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }
        return DefaultConfigDirectory();
    }

    public static string DefaultConfigDirectory()
    {
        var root = System.Environment.GetFolderPath(System.Environment.SpecialFolder.ApplicationData, System.Environment.SpecialFolderOption.DoNotVerify);
        if (string.IsNullOrEmpty(root))
        {
            root = Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".config");
        }
        return Path.Combine(root, "tickr");
    }
}
