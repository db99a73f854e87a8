using System.CommandLine;
using Spectre.Console;
using Tickr.Client;

namespace Tickr.Cli.Commands;

/// <summary>tickr login, logout, whoami.</summary>
public static class LoginCommands
{
    public const string PasswordVariable = "TICKR_PASSWORD";

    public static Command Login(CliApp app)
    {
        var email = new Option<string?>("--email", "-e") { Description = "The account's email (asked for when left out)" };
        var password = new Option<string?>("--password", "-p") { Description = $"The password (else ${PasswordVariable}, else asked for)" };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from standard input" };
        var code = new Option<string?>("--code") { Description = "The authenticator code, for accounts with two-factor sign-in" };
        var command = new Command("login", "Sign in and store the tokens in the per-user credentials file (0600)")
        {
            email, password, passwordStdin, code,
        };
        command.SetAction((parse, ct) => app.RunAsync(async () =>
        {
            await using var session = app.Open(parse, requireSignIn: false);
            var console = app.Out;
            var address = parse.GetValue(email) ?? Ask(app, "Email:", secret: false);
            var secret = parse.GetValue(password)
                ?? (parse.GetValue(passwordStdin) ? (await app.Host.In.ReadLineAsync(ct).ConfigureAwait(false))?.TrimEnd('\r', '\n') : null)
                ?? app.Host.Environment(PasswordVariable)
                ?? Ask(app, "Password:", secret: true);

            var login = (await session.Client.LoginAsync(new LoginInput { Email = address, Password = secret }, ct).ConfigureAwait(false)).EnsureData().Login;
            Output.ThrowIfErrors("Sign-in", login.Errors);
            string? accessToken = login.AccessToken, refreshToken = login.RefreshToken;
            DateTimeOffset? accessExpires = login.AccessTokenExpiresAt, refreshExpires = login.RefreshTokenExpiresAt;
            string? userId = login.User?.Id, name = login.User?.DisplayName;
            IReadOnlyList<string> roles = login.User?.Memberships.Select(m => $"{m.Role.ToString().ToLowerInvariant()} of {m.Organization.Name}").ToList() ?? [];

            if (login.TwoFactorChallenge is { } challenge)
            {
                var otp = parse.GetValue(code) ?? Ask(app, "Authenticator code:", secret: false);
                var second = (await session.Client.CompleteTwoFactorLoginAsync(new CompleteTwoFactorLoginInput { ChallengeToken = challenge.ChallengeToken, Code = otp }, ct).ConfigureAwait(false))
                    .EnsureData().CompleteTwoFactorLogin;
                Output.ThrowIfErrors("Two-factor sign-in", second.Errors);
                (accessToken, refreshToken, accessExpires, refreshExpires) = (second.AccessToken, second.RefreshToken, second.AccessTokenExpiresAt, second.RefreshTokenExpiresAt);
                (userId, name) = (second.User?.Id, second.User?.DisplayName);
            }
            if (accessToken is null || refreshToken is null)
            {
                throw new CliException("The server signed you in without tokens.");
            }
            session.SaveCredentials(new ServerCredentials
            {
                Email = address,
                UserId = userId,
                AccessToken = accessToken,
                AccessTokenExpiresAt = accessExpires ?? default,
                RefreshToken = refreshToken,
                RefreshTokenExpiresAt = refreshExpires ?? default,
            });
            console.MarkupLine($"[green]Signed in[/] to {Output.Escape(session.EndpointKey)} as [bold]{Output.Escape(name ?? address)}[/] ({Output.Escape(address)}).");
            foreach (var role in roles)
            {
                console.MarkupLine($"  {Output.Escape(role)}");
            }
            console.MarkupLine($"[grey]Tokens saved in {Output.Escape(session.Store.FilePath)}.[/]");
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    public static Command Logout(CliApp app)
    {
        var command = new Command("logout", "Sign out: revoke the session's refresh token and forget the stored tokens");
        command.SetAction((parse, ct) => app.RunAsync(async () =>
        {
            await using var session = app.Open(parse, requireSignIn: true);
            var refresh = session.Credentials!.RefreshToken;
            var payload = (await session.Client.LogoutAsync(new LogoutInput { RefreshToken = refresh }, ct).ConfigureAwait(false)).EnsureData().Logout;
            session.ForgetCredentials();
            Output.ThrowIfErrors("Sign-out", payload.Errors);
            app.Out.MarkupLine($"Signed out of {Output.Escape(session.EndpointKey)}.");
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    public static Command WhoAmI(CliApp app)
    {
        var command = new Command("whoami", "Show the signed-in account and its organizations");
        command.SetAction((parse, ct) => app.RunAsync(async () =>
        {
            await using var session = app.Open(parse, requireSignIn: true);
            var me = (await session.Client.MeAsync(ct).ConfigureAwait(false)).EnsureData().Me
                ?? throw new CliException($"The stored tokens no longer name an account on {session.EndpointKey}: run `tickr login`.");
            app.Out.MarkupLine($"[bold]{Output.Escape(me.DisplayName)}[/] ({Output.Escape(me.Email)}) on {Output.Escape(session.EndpointKey)}");
            foreach (var m in me.Memberships)
            {
                app.Out.MarkupLine($"  {m.Role.ToString().ToLowerInvariant()} of {Output.Escape(m.Organization.Name)} ({Output.Escape(m.Organization.Slug)})");
            }
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static string Ask(CliApp app, string prompt, bool secret)
    {
        if (!app.Out.Profile.Capabilities.Interactive)
        {
            throw new CliException($"{prompt.TrimEnd(':')} is needed: give it as an option (see `tickr login --help`).");
        }
        var text = new TextPrompt<string>(prompt);
        if (secret)
        {
            text = text.Secret();
        }
        return app.Out.Prompt(text);
    }
}
