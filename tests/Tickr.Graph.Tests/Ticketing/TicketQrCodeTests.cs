using System.Xml.Linq;
using Tickr.Domain.Ticketing;
using Tickr.Graph.Ticketing;

namespace Tickr.Graph.Tests.Ticketing;

public sealed class TicketQrCodeTests : IDisposable
{
    private readonly EventSigningKey _key = EventSigningKey.Create();

    public void Dispose() => _key.Dispose();

    [Fact]
    public void A_PNG_of_a_signed_token_decodes_with_ZXing_to_a_token_that_verifies()
    {
        var claims = new TicketClaims(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), 7);
        var token = _key.Sign(claims);

        var png = TicketQrCode.Png(token);
        var (text, width, height) = QrDecoder.DecodePng(png);

        Assert.Equal(token, text);
        var verification = TicketToken.Verify(text, _key.Key);
        Assert.Equal(TicketVerificationStatus.Valid, verification.Status);
        Assert.Equal(claims, verification.Claims);
        // Version 9 (53 modules) plus a 4-module quiet zone on each side, 6 px per module.
        Assert.Equal(61 * TicketQrCode.DefaultPixelsPerModule, width);
        Assert.Equal(width, height);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(10)]
    public void Other_module_sizes_decode_too(int pixelsPerModule)
    {
        var token = _key.Sign(new TicketClaims(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), 0));

        var (text, width, _) = QrDecoder.DecodePng(TicketQrCode.Png(token, pixelsPerModule));

        Assert.Equal(token, text);
        Assert.Equal(61 * pixelsPerModule, width);
    }

    [Fact]
    public void The_SVG_is_well_formed_with_an_svg_root_and_a_view_box_covering_the_quiet_zone()
    {
        var token = _key.Sign(new TicketClaims(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), 1));

        var svg = TicketQrCode.Svg(token);
        var document = XDocument.Parse(svg);

        Assert.Equal(XName.Get("svg", "http://www.w3.org/2000/svg"), document.Root!.Name);
        Assert.Equal("0 0 61 61", (string?)document.Root.Attribute("viewBox"));
        Assert.NotEmpty(document.Root.Descendants());
    }

    [Fact]
    public void An_empty_token_is_refused()
    {
        Assert.Throws<ArgumentException>(() => TicketQrCode.Png(""));
        Assert.Throws<ArgumentNullException>(() => TicketQrCode.Svg(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => TicketQrCode.Png("x", 0));
    }
}
