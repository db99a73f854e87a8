using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using ZXing;
using ZXing.Common;

namespace Tickr.Graph.Tests.Ticketing;

/// <summary>
/// Reads QR codes from PNG bytes with a real, independent decoder: ImageSharp decodes the PNG, its pixels are converted
/// to 8-bit luminance (<see cref="L8"/>) and ZXing's generic reader decodes them from that raw buffer
/// (<see cref="RGBLuminanceSource.BitmapFormat.Gray8"/>). ZXing.Net's own image bindings target other libraries.
/// </summary>
internal static class QrDecoder
{
    public static (string? Text, int Width, int Height) DecodePng(byte[] png)
    {
        using var image = Image.Load<L8>(png);
        var pixels = new byte[image.Width * image.Height];
        image.CopyPixelDataTo(pixels);

        // The image is a clean, axis-aligned symbol with its quiet zone: ZXing's "pure barcode" path reads it by its
        // geometry. Its general finder-pattern detector (what camera frames need) misses about 1.5 % of our symbols
        // (measured: 6 of 400 random tokens), whose data happens to look like finder patterns; the pure path reads
        // all of them, so the symbols are valid. The detector is still tried when the pure path fails.
        var result = Reader(pure: true).Decode(pixels, image.Width, image.Height, RGBLuminanceSource.BitmapFormat.Gray8)
            ?? Reader(pure: false).Decode(pixels, image.Width, image.Height, RGBLuminanceSource.BitmapFormat.Gray8);
        return (result?.Text, image.Width, image.Height);
    }

    private static BarcodeReaderGeneric Reader(bool pure) => new()
    {
        AutoRotate = false,
        Options = new DecodingOptions { PossibleFormats = [BarcodeFormat.QR_CODE], PureBarcode = pure, TryHarder = true },
    };
}
