using QRCoder;

namespace Tickr.Graph.Ticketing;

/// <summary>
/// Renders a ticket token (<see cref="Tickr.Domain.Ticketing.TicketToken"/>) as a QR code: PNG for emails and wallets,
/// SVG for web pages and print. Error correction level M (15 %: survives a crease or a cracked phone screen while
/// keeping a 163-character token at QR version 9, 53×53 modules) and the standard 4-module quiet zone, black on white.
/// The token travels in byte mode exactly as given (ASCII, no ECI header), which every scanner reads.
/// </summary>
public static class TicketQrCode
{
    /// <summary>Pixels per module of <see cref="Png"/> by default: 6 px × 61 modules (with the quiet zone) = a 366 px square.</summary>
    public const int DefaultPixelsPerModule = 6;

    /// <summary>The error correction level of every ticket QR code.</summary>
    public const QRCodeGenerator.ECCLevel ErrorCorrection = QRCodeGenerator.ECCLevel.M;

    /// <summary>The MIME type of <see cref="Png"/>'s output.</summary>
    public const string PngContentType = "image/png";

    /// <summary>A PNG image (1-bit palette, quiet zone included) of the token.</summary>
    public static byte[] Png(string token, int pixelsPerModule = DefaultPixelsPerModule)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pixelsPerModule, 1);
        using var data = Encode(token);
        using var png = new PngByteQRCode(data);
        return png.GetGraphic(pixelsPerModule, drawQuietZones: true);
    }

    /// <summary>
    /// An SVG document of the token: scalable (a <c>viewBox</c>, no fixed size: the page or print layout sizes it), black
    /// modules on a white background, quiet zone included.
    /// </summary>
    public static string Svg(string token)
    {
        using var data = Encode(token);
        using var svg = new SvgQRCode(data);
        return svg.GetGraphic(1, "#000000", "#ffffff", drawQuietZones: true, SvgQRCode.SizingMode.ViewBoxAttribute);
    }

    private static QRCodeData Encode(string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        using var generator = new QRCodeGenerator();
        return generator.CreateQrCode(token, ErrorCorrection);
    }
}
