using System.Globalization;
using System.Text;
using QRCoder;
using Tickr.Graph.Ticketing;

namespace Tickr.Graph.Tests.Web;

/// <summary>
/// Video files for Chromium's fake camera (<c>--use-file-for-fake-video-capture</c>), which plays a YUV4MPEG2 (.y4m)
/// file in a loop. A frame shows a ticket's QR code as a door volunteer's camera would see a phone held up to it: the
/// symbol encoded exactly as Tickr renders tickets (QRCoder, error correction M, byte mode), black modules (luma 16)
/// on white (luma 235) with the standard 4-module quiet zone, about 8 pixels a module, centred on a light grey
/// 640×480 picture; no colour (both chroma planes 128). Format: the stream header
/// <c>YUV4MPEG2 W640 H480 F30:1 Ip A1:1 C420jpeg</c>, then per frame <c>FRAME\n</c> and the planar I420 bytes: Y
/// (640×480), U then V (320×240 each).
/// </summary>
public static class FakeCamera
{
    public const int Width = 640;
    public const int Height = 480;
    public const byte Black = 16;
    public const byte White = 235;
    public const byte Background = 200;
    public const byte NeutralChroma = 128;
    public const int QuietZoneModules = 4;
    public const int PreferredModulePixels = 8;

    /// <summary>One second at 30 fps: every frame is the same picture, and Chromium loops the file.</summary>
    public const int DefaultFrames = 30;

    public static string Header => string.Create(CultureInfo.InvariantCulture, $"YUV4MPEG2 W{Width} H{Height} F30:1 Ip A1:1 C420jpeg\n");

    public static int FrameBytes => Width * Height * 3 / 2;

    /// <summary>Writes a .y4m showing <paramref name="token"/>'s QR code (default path: a new temporary file); returns the path.</summary>
    public static string WriteQrVideo(string token, string? path = null, int frames = DefaultFrames) =>
        WriteVideo(QrLuma(token, out _), path, frames);

    /// <summary>
    /// Writes a .y4m that first shows nothing (a uniform picture of <paramref name="blankLuma"/>: a covered lens, a dark
    /// pocket) for <paramref name="blankFrames"/> frames, then the token's QR code for <paramref name="qrFrames"/>.
    /// </summary>
    public static string WriteBlankThenQrVideo(string token, int blankFrames, int qrFrames = DefaultFrames, byte blankLuma = Black, string? path = null)
    {
        var blank = new byte[Width * Height];
        Array.Fill(blank, blankLuma);
        return WriteVideo([.. Enumerable.Repeat(blank, blankFrames), .. Enumerable.Repeat(QrLuma(token, out _), qrFrames)], path);
    }

    /// <summary>Writes a .y4m of an empty light grey picture: a working camera that sees no code.</summary>
    public static string WriteBlankVideo(string? path = null, int frames = DefaultFrames)
    {
        var luma = new byte[Width * Height];
        Array.Fill(luma, Background);
        return WriteVideo(luma, path, frames);
    }

    /// <summary>
    /// The luma plane (640×480, row by row) of a frame showing the token's QR code; <paramref name="modulePixels"/> is
    /// the size of a module in pixels (8, or less when the symbol would not fit the height).
    /// </summary>
    public static byte[] QrLuma(string token, out int modulePixels)
    {
        var modules = Matrix(token);
        var side = modules.GetLength(0) + 2 * QuietZoneModules;
        modulePixels = Math.Min(PreferredModulePixels, Height / side);
        if (modulePixels < 2)
        {
            throw new ArgumentException($"A {side}-module symbol does not fit a {Width}×{Height} frame.", nameof(token));
        }

        var luma = new byte[Width * Height];
        Array.Fill(luma, Background);
        var size = side * modulePixels;
        var left = (Width - size) / 2;
        var top = (Height - size) / 2;
        for (var y = 0; y < size; y++)
        {
            var row = y / modulePixels - QuietZoneModules;
            for (var x = 0; x < size; x++)
            {
                var column = x / modulePixels - QuietZoneModules;
                var dark = row >= 0 && column >= 0 && row < modules.GetLength(0) && column < modules.GetLength(1) && modules[row, column];
                luma[(top + y) * Width + left + x] = dark ? Black : White;
            }
        }
        return luma;
    }

    /// <summary>
    /// The symbol's dark modules, without any quiet zone: QRCoder's module matrix includes its own quiet zone, which is
    /// cut off here by the symbol size its version gives (17 + 4 × version).
    /// </summary>
    public static bool[,] Matrix(string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(token, TicketQrCode.ErrorCorrection);
        var core = 17 + 4 * data.Version;
        var padding = (data.ModuleMatrix.Count - core) / 2;
        var matrix = new bool[core, core];
        for (var y = 0; y < core; y++)
        {
            for (var x = 0; x < core; x++)
            {
                matrix[y, x] = data.ModuleMatrix[y + padding][x + padding];
            }
        }
        return matrix;
    }

    private static string WriteVideo(byte[] luma, string? path, int frames)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(frames, 1);
        return WriteVideo(Enumerable.Repeat(luma, frames).ToList(), path);
    }

    private static string WriteVideo(IReadOnlyList<byte[]> frames, string? path)
    {
        path ??= Path.Combine(Path.GetTempPath(), "tickr-web-tests", $"camera-{Guid.NewGuid():N}.y4m");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var chroma = new byte[Width / 2 * (Height / 2) * 2];
        Array.Fill(chroma, NeutralChroma);
        var frameMarker = Encoding.ASCII.GetBytes("FRAME\n");
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
        file.Write(Encoding.ASCII.GetBytes(Header));
        foreach (var luma in frames)
        {
            file.Write(frameMarker);
            file.Write(luma);
            file.Write(chroma);
        }
        return path;
    }
}
