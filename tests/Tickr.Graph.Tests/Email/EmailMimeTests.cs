using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;
using Tickr.Domain.Notifications;
using Tickr.Graph.Email;

namespace Tickr.Graph.Tests.Email;

public sealed class EmailMimeTests : IDisposable
{
    private static readonly DateTimeOffset Date = new(2027, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tickr-mail-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void A_message_without_attachments_is_a_text_and_html_alternative_as_before()
    {
        var mime = EmailMime.Build(new EmailMessage("a@example.tn", "Hi", "text", "<p>html</p>"), "Tickr <no-reply@tickr.test>", Date);

        var alternative = Assert.IsType<MultipartAlternative>(mime.Body);
        Assert.Equal(2, alternative.Count);
        Assert.Equal("Hi", mime.Subject);
        Assert.Equal(Date, mime.Date);
        Assert.Equal("Tickr", mime.From.Mailboxes.Single().Name);
        Assert.EndsWith("@tickr.test", mime.MessageId, StringComparison.Ordinal);
        Assert.IsType<TextPart>(EmailMime.Build(new EmailMessage("a@example.tn", "Hi", "text"), "no-reply@tickr.test", Date).Body);
    }

    [Fact]
    public void Inline_parts_join_the_html_in_multipart_related_and_other_files_are_attachments()
    {
        var message = new EmailMessage("a@example.tn", "Files", "text", "<img src=\"cid:qr-1@tickr\">",
        [
            new EmailAttachment("qr.png", "image/png", [1, 2, 3], "qr-1@tickr"),
            new EmailAttachment("terms.pdf", "application/pdf", [4, 5]),
        ]);

        var mime = EmailMime.Build(message, "no-reply@tickr.test", Date);

        var mixed = Assert.IsType<Multipart>(mime.Body);
        Assert.Equal("multipart/mixed", mixed.ContentType.MimeType);
        var alternative = Assert.IsType<MultipartAlternative>(mixed[0]);
        var related = Assert.IsType<MultipartRelated>(alternative[1]);
        var inline = Assert.IsType<MimePart>(related[1]);
        Assert.Equal("qr-1@tickr", inline.ContentId);
        Assert.Equal("image/png", inline.ContentType.MimeType);
        var pdf = Assert.IsType<MimePart>(mixed[1]);
        Assert.True(pdf.IsAttachment);
        Assert.Equal("terms.pdf", pdf.FileName);
    }

    [Fact]
    public void Inline_parts_without_html_become_attachments_and_a_subject_stays_on_one_line()
    {
        var message = new EmailMessage("a@example.tn", "Line one\r\nBcc: victim@example.tn", "text", null,
            [new EmailAttachment("qr.png", "image/png", [1], "qr@tickr")]);

        var mime = EmailMime.Build(message, "no-reply@tickr.test", Date);

        Assert.Equal("Line one Bcc: victim@example.tn", mime.Subject);
        Assert.Empty(mime.Bcc);
        Assert.Single(mime.Attachments);
    }

    [Fact]
    public async Task The_pickup_folder_writes_the_same_MIME_with_its_attachments()
    {
        var sender = new PickupDirectoryEmailSender(_folder, "Tickr <no-reply@tickr.test>", TimeProvider.System, NullLogger<PickupDirectoryEmailSender>.Instance);

        await sender.SendAsync(new EmailMessage("a@example.tn", "Files", "text", "<img src=\"cid:qr@tickr\">",
            [new EmailAttachment("qr.png", "image/png", [137, 80, 78, 71], "qr@tickr")]));

        var written = MimeMessage.Load(Directory.GetFiles(_folder, "*.eml").Single());
        var image = written.BodyParts.OfType<MimePart>().Single(p => p.ContentId == "qr@tickr");
        using var content = new MemoryStream();
        await image.Content!.DecodeToAsync(content);
        Assert.Equal(new byte[] { 137, 80, 78, 71 }, content.ToArray());
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
    }

    [Fact]
    public void AddTickrEmailSender_picks_SMTP_when_a_host_is_configured_and_the_pickup_folder_otherwise()
    {
        Assert.IsType<SmtpEmailSender>(Resolve(new()
        {
            ["Tickr:Email:Smtp:Host"] = "smtp.example.tn",
            ["Tickr:Email:Smtp:Port"] = "2525",
            ["Tickr:Email:Smtp:Security"] = "StartTls",
            ["Tickr:Email:Smtp:UserName"] = "tickr",
            ["Tickr:Email:Smtp:Password"] = "secret",
            ["Tickr:Email:Smtp:Timeout"] = "00:00:05",
        }));

        var pickup = Assert.IsType<PickupDirectoryEmailSender>(Resolve(new() { ["Tickr:Email:PickupDirectory"] = _folder }));
        Assert.Equal(_folder, pickup.Directory);
        Assert.IsType<PickupDirectoryEmailSender>(Resolve(new() { ["Tickr:Email:Smtp:Host"] = " " }));

        var error = Assert.Throws<InvalidOperationException>(() => Resolve(new()
        {
            ["Tickr:Email:Smtp:Host"] = "smtp.example.tn",
            ["Tickr:Email:Smtp:UserName"] = "tickr",
        }));
        Assert.Contains("Tickr:Email:Smtp:Password", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SmtpSecurity.Auto, 587)]
    [InlineData(SmtpSecurity.StartTls, 587)]
    [InlineData(SmtpSecurity.SslOnConnect, 465)]
    [InlineData(SmtpSecurity.None, 25)]
    public void The_port_defaults_to_the_usual_one_for_the_security(SmtpSecurity security, int port)
    {
        Assert.Equal(port, new SmtpOptions { Host = "h", Security = security }.EffectivePort);
        Assert.Equal(2525, new SmtpOptions { Host = "h", Security = security, Port = 2525 }.EffectivePort);
    }

    private static IEmailSender Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddTickrEmailSender(configuration);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IEmailSender>();
    }
}
