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

        var reader = new BarcodeReaderGeneric
        {
            AutoRotate = false,
            Options = new DecodingOptions { PossibleFormats = [BarcodeFormat.QR_CODE], PureBarcode = false, TryHarder = true },
        };
        var result = reader.Decode(pixels, image.Width, image.Height, RGBLuminanceSource.BitmapFormat.Gray8);
        return (result?.Text, image.Width, image.Height);
    }
}
