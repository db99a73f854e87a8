using System.CommandLine;
using System.Net.Http;
using Spectre.Console;
using Tickr.Cli.Commands;
using Tickr.Client;

namespace Tickr.Cli;

/// <summary>
/// <c>tickr</c>: Tickr from the terminal, on the generated typed client. <see cref="RunAsync"/> is the whole program;
/// <see cref="Main"/> only hands it the process's consoles.
/// </summary>
public static class TickrCli
{
    public static Task<int> Main(string[] args) => RunAsync(args, CliHost.FromProcess(), handleProcessTermination: true);

    /// <summary>Parses <paramref name="args"/> and runs the command; returns the exit code (see <see cref="ExitCodes"/>).</summary>
    public static async Task<int> RunAsync(string[] args, CliHost host, bool handleProcessTermination = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(host);
        var root = BuildCommand(host);
        var configuration = new InvocationConfiguration
        {
            Output = host.Out.Profile.Out.Writer,
            Error = host.Error.Profile.Out.Writer,
            EnableDefaultExceptionHandler = false,
            // Ctrl+C cancels the command's token; watch ends on it. Tests run commands in-process and cancel through
            // cancellationToken instead.
            ProcessTerminationTimeout = handleProcessTermination ? TimeSpan.FromSeconds(3) : null,
        };
        return await root.Parse(args).InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }

    public static RootCommand BuildCommand(CliHost host)
    {
        var server = new Option<string?>("--server", "-s")
        {
            Description = $"The GraphQL endpoint (default: ${TickrSession.ServerVariable}, else the server of the last login, else {TickrSession.DefaultEndpoint})",
            Recursive = true,
        };
        var app = new CliApp(host, server);
        var root = new RootCommand("tickr: Tickr from the terminal — sign in, find events, buy tickets, check them in, watch sales live.")
        {
            server,
            LoginCommands.Login(app),
            LoginCommands.Logout(app),
            LoginCommands.WhoAmI(app),
            EventsCommand.Create(app),
            BuyCommand.Create(app),
            MyCommands.Tickets(app),
            MyCommands.Orders(app),
            CheckInCommands.CheckIn(app),
            CheckInCommands.Lists(app),
            WatchCommand.Create(app),
        };
        return root;
    }
}

/// <summary>What every command needs: the host and the --server option; runs a command body with uniform error handling.</summary>
public sealed class CliApp(CliHost host, Option<string?> server)
{
    public CliHost Host { get; } = host;

    public IAnsiConsole Out => Host.Out;

    public Option<string?> Server { get; } = server;

    public TickrSession Open(ParseResult parse, bool requireSignIn) => TickrSession.Open(Host, parse.GetValue(Server), requireSignIn);

    /// <summary>
    /// Runs a command: typed failures (<see cref="CliException"/>), GraphQL errors, an unreachable server and Ctrl+C
    /// become one red line on standard error and an exit code, not a stack trace.
    /// </summary>
    public async Task<int> RunAsync(Func<Task<int>> body, CancellationToken cancellationToken)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (CliException e)
        {
            Fail(e.Message);
            return e.ExitCode;
        }
        catch (GraphQLClientException e) when (e.Errors.Any(x => x.Code is "UNAUTHENTICATED" or "AUTH_NOT_AUTHENTICATED"))
        {
            Fail($"The server wants you signed in ({e.Message}): run `tickr login`.");
            return ExitCodes.Failure;
        }
        catch (GraphQLClientException e)
        {
            Fail($"The server answered with errors: {e.Message}");
            return ExitCodes.Failure;
        }
        catch (GraphQLTransportException e)
        {
            Fail(e.StatusCode is { } status ? $"{e.Message} (status {status})" : e.Message);
            return ExitCodes.Failure;
        }
        catch (HttpRequestException e)
        {
            Fail($"Cannot reach the server: {e.Message}");
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Fail("Cancelled.");
            return ExitCodes.Cancelled;
        }
    }

    /// <summary>Writes "error: …" to standard error, unwrapped (messages quote ids and tokens).</summary>
    public void Fail(string message)
    {
        Host.Error.Markup("[red]error:[/] ");
        Host.Error.WriteRaw(message);
    }
}
