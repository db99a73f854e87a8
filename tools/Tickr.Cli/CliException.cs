namespace Tickr.Cli;

/// <summary>A failure to report in one line (no stack trace), with the process's exit code.</summary>
public sealed class CliException : Exception
{
    public CliException(string message, int exitCode = ExitCodes.Failure)
        : base(message)
    {
        ExitCode = exitCode;
    }

    public CliException() : this("The command failed.") { }

    public CliException(string message, Exception innerException) : base(message, innerException) => ExitCode = ExitCodes.Failure;

    public int ExitCode { get; }
}

/// <summary>The process's exit codes.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command failed: bad usage, not signed in, an error from the server, the server unreachable.</summary>
    public const int Failure = 1;

    /// <summary><c>tickr checkin</c>: the scan was made but the ticket is refused (already checked in, revoked…).</summary>
    public const int Refused = 2;

    /// <summary>Stopped by Ctrl+C before it finished (not for <c>watch</c>, which ends that way).</summary>
    public const int Cancelled = 130;
}
