using System.Net;
using Tickr.Domain.Notifications;

namespace Tickr.Graph.Email;

/// <summary>
/// The account emails: address confirmation, password reset and team invitation. Each carries its token in full (an
/// app can ask the user to paste it) and, when <c>Tickr:PublicUrl</c> is set, a link to the web app with the token in
/// its query string. Plain templates in English and French; the user's locale picks the language.
/// </summary>
public sealed class AccountEmails(IEmailSender sender, IConfiguration configuration)
{
    /// <summary>The line that precedes the token in the text body (tests and scripts look for it).</summary>
    public const string TokenLabel = "Token:";

    private Uri? PublicUrl =>
        Uri.TryCreate(configuration[EmailOptions.PublicUrlKey], UriKind.Absolute, out var url) ? url : null;

    public Task SendConfirmationAsync(string email, string displayName, string locale, string userId, string token, CancellationToken cancellationToken)
    {
        var link = Link("confirm-email", ("userId", userId), ("token", token));
        var french = IsFrench(locale);
        var subject = french ? "Confirmez votre adresse email Tickr" : "Confirm your Tickr email address";
        var intro = french
            ? $"Bonjour {displayName},\n\nConfirmez votre adresse pour finaliser votre compte Tickr."
            : $"Hello {displayName},\n\nPlease confirm your address to finish setting up your Tickr account.";
        return SendAsync(email, subject, intro, link, token, cancellationToken);
    }

    public Task SendPasswordResetAsync(string email, string displayName, string locale, string token, CancellationToken cancellationToken)
    {
        var link = Link("reset-password", ("email", email), ("token", token));
        var french = IsFrench(locale);
        var subject = french ? "Réinitialisez votre mot de passe Tickr" : "Reset your Tickr password";
        var intro = french
            ? $"Bonjour {displayName},\n\nQuelqu'un (vous, sans doute) a demandé à réinitialiser votre mot de passe. Sinon, ignorez ce message."
            : $"Hello {displayName},\n\nSomeone (probably you) asked to reset your password. If it was not you, ignore this message.";
        return SendAsync(email, subject, intro, link, token, cancellationToken);
    }

    public Task SendInvitationAsync(string email, string organizationName, string role, bool hasAccount, CancellationToken cancellationToken)
    {
        var subject = $"You are invited to {organizationName} on Tickr";
        var text = hasAccount
            ? $"You are now a {role} of {organizationName} on Tickr. Sign in to see its events."
            : $"You are invited to join {organizationName} on Tickr as a {role}. Create an account with this address and confirm it: the invitation is accepted then.";
        if (Link("register", ("email", email)) is { } link)
        {
            text += "\n\n" + link;
        }
        return sender.SendAsync(new EmailMessage(email, subject, text), cancellationToken);
    }

    private Task SendAsync(string email, string subject, string intro, Uri? link, string token, CancellationToken cancellationToken)
    {
        var text = intro + "\n\n"
            + (link is null ? "" : link + "\n\n")
            + TokenLabel + "\n" + token + "\n";
        var html = "<p>" + WebUtility.HtmlEncode(intro).Replace("\n", "<br>", StringComparison.Ordinal) + "</p>"
            + (link is null ? "" : $"<p><a href=\"{WebUtility.HtmlEncode(link.AbsoluteUri)}\">{WebUtility.HtmlEncode(link.AbsoluteUri)}</a></p>")
            + $"<p>{TokenLabel}<br><code>{WebUtility.HtmlEncode(token)}</code></p>";
        return sender.SendAsync(new EmailMessage(email, subject, text, html), cancellationToken);
    }

    private Uri? Link(string path, params (string Name, string Value)[] query)
    {
        if (PublicUrl is not { } root)
        {
            return null;
        }
        var queryString = string.Join("&", query.Select(q => q.Name + "=" + Uri.EscapeDataString(q.Value)));
        return new Uri(root, root.AbsolutePath.TrimEnd('/') + "/" + path + "?" + queryString);
    }

    private static bool IsFrench(string locale) => locale.StartsWith("fr", StringComparison.OrdinalIgnoreCase);
}
