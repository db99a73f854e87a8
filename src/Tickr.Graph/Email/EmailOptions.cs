namespace Tickr.Graph.Email;

/// <summary>Email settings (<c>Tickr:Email:*</c>). Until SMTP is configured, messages are written to a pickup folder.</summary>
public sealed class EmailOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Tickr:Email";

    /// <summary>The public address of the web app, used to build links in emails (<c>Tickr:PublicUrl</c>).</summary>
    public const string PublicUrlKey = "Tickr:PublicUrl";

    /// <summary>The folder .eml files are written to; relative paths are under the content root (default <c>data/mail</c>).</summary>
    public string PickupDirectory { get; set; } = Path.Combine("data", "mail");

    /// <summary>The sender of every message.</summary>
    public string From { get; set; } = "Tickr <no-reply@tickr.local>";
}
