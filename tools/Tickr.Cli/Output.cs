using System.Globalization;
using Spectre.Console;
using Tickr.Client;

namespace Tickr.Cli;

/// <summary>Formatting shared by the commands.</summary>
public static class Output
{
    /// <summary>The typed errors of a payload, one "CODE: message" each, joined.</summary>
    public static string Describe<T>(IReadOnlyList<T> errors) =>
        string.Join("; ", errors.Select(e => Describe((object?)e)));

    public static string Describe(object? error) => error switch
    {
        IErrorInfo e => $"{e.Code}: {e.Message}",
        null => "unknown error",
        _ => error.ToString() ?? "unknown error",
    };

    /// <summary>Fails with the payload's typed errors, if any: each on its own line, then a non-zero exit.</summary>
    public static void ThrowIfErrors<T>(string what, IReadOnlyList<T> errors)
    {
        if (errors.Count == 0)
        {
            return;
        }
        var lines = errors.Select(e => "  " + Describe((object?)e));
        throw new CliException($"{what} failed:{Environment.NewLine}{string.Join(Environment.NewLine, lines)}");
    }

    /// <summary>
    /// Writes a line as is, past Spectre's wrapping: tokens and ids must stay on one line to be copied from the
    /// terminal.
    /// </summary>
    public static void WriteRaw(this IAnsiConsole console, string line)
    {
        console.Profile.Out.Writer.WriteLine(line);
        console.Profile.Out.Writer.Flush();
    }

    public static string When(DateTimeOffset local) => local.ToString("ddd d MMM yyyy HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A text option as an optional input field: left out when empty.</summary>
    public static Optional<string?> Given(string? text) => string.IsNullOrWhiteSpace(text) ? Optional<string?>.Empty : text;

    public static string Escape(string? text) => Markup.Escape(text ?? "");
}
