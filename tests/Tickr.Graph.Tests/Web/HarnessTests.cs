using System.Text;
using Microsoft.Playwright;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Tickr.Graph.Tests.TestHost;
using Tickr.Graph.Tests.Ticketing;
using Xunit.Abstractions;
using ZXing;
using ZXing.Common;

namespace Tickr.Graph.Tests.Web;

/// <summary>
/// The browser harness itself, without the web app: the fake camera's files are valid YUV4MPEG2 whose frames carry
/// a readable QR code, Chromium plays them through getUserMedia and a frame grabbed from the video still decodes,
/// and the session's CSP listener does catch a violation (a test that fails on violations must be able to see one).
/// Pages are served by Playwright's router on a loopback origin (a secure context, as getUserMedia requires).
/// </summary>
[Collection(WebCollection.Name)]
public sealed class HarnessTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private const string Origin = "http://localhost:9/";

    [Fact]
    public void Fake_camera_file_is_YUV4MPEG2_I420_with_a_centered_QR_code_a_camera_decoder_reads()
    {
        var token = SampleToken();
        var path = FakeCamera.WriteQrVideo(token, frames: 3);
        try
        {
            var bytes = File.ReadAllBytes(path);
            var header = Encoding.ASCII.GetBytes(FakeCamera.Header);
            Assert.Equal("YUV4MPEG2 W640 H480 F30:1 Ip A1:1 C420jpeg\n", FakeCamera.Header);
            Assert.Equal(header, bytes[..header.Length]);
            var frameSize = 6 + FakeCamera.FrameBytes;
            Assert.Equal(header.Length + 3 * frameSize, bytes.Length);
            for (var i = 0; i < 3; i++)
            {
                var at = header.Length + i * frameSize;
                Assert.Equal("FRAME\n", Encoding.ASCII.GetString(bytes, at, 6));
                Assert.All(bytes[(at + 6 + 640 * 480)..(at + frameSize)], b => Assert.Equal(FakeCamera.NeutralChroma, b));
            }

            var luma = bytes[(header.Length + 6)..(header.Length + 6 + 640 * 480)];
            Assert.Equal(FakeCamera.QrLuma(token, out var modulePixels), luma);
            Assert.InRange(modulePixels, 7, 8);
            Assert.All(luma, b => Assert.Contains(b, new[] { FakeCamera.Black, FakeCamera.White, FakeCamera.Background }));
            // A camera frame is read by the finder-pattern detector (not the "pure barcode" shortcut).
            Assert.Equal(token, Decode(luma, 640, 480));
            output.WriteLine($"{path}: {bytes.Length} bytes, {modulePixels} px per module, {FakeCamera.Matrix(token).GetLength(0)} modules");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Chromium_plays_the_fake_camera_file_through_getUserMedia_and_a_grabbed_frame_decodes()
    {
        var token = SampleToken();
        var path = FakeCamera.WriteQrVideo(token);
        try
        {
            var camera = await browser.LaunchWithCameraAsync(path);
            try
            {
                await using var session = await browser.OpenAsync(output, ScreenSize.Desktop, camera);
                await session.Page.RouteAsync(Origin + "**", route => route.FulfillAsync(new RouteFulfillOptions
                {
                    ContentType = "text/html",
                    Body = "<!doctype html><title>camera</title><video autoplay muted playsinline></video>",
                }));
                await session.Page.GotoAsync(Origin + "camera");
                var pixels = await session.Page.EvaluateAsync<string>("""
                    async () => {
                      const video = document.querySelector('video');
                      video.srcObject = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 } });
                      await video.play();
                      const canvas = document.createElement('canvas');
                      canvas.width = video.videoWidth; canvas.height = video.videoHeight;
                      const context = canvas.getContext('2d', { willReadFrequently: true });
                      // Frames until one is painted (the first ones can still be black).
                      for (let i = 0; i < 60; i++) {
                        await new Promise(r => video.requestVideoFrameCallback(() => r()));
                        context.drawImage(video, 0, 0);
                        const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
                        let bright = 0;
                        for (let p = 0; p < pixels.length; p += 4 * 97) if (pixels[p] > 128) bright++;
                        if (bright > 100) break;
                      }
                      return canvas.toDataURL('image/png');
                    }
                    """);
                var png = Convert.FromBase64String(pixels[(pixels.IndexOf(',', StringComparison.Ordinal) + 1)..]);
                await File.WriteAllBytesAsync(Path.Combine(WebArtifacts.Directory, "fake-camera-frame.png"), png);
                using var image = Image.Load<L8>(png);
                Assert.Equal((640, 480), (image.Width, image.Height));
                var luma = new byte[image.Width * image.Height];
                image.CopyPixelDataTo(luma);
                Assert.Equal(token, Decode(luma, image.Width, image.Height));
                session.AssertNoCspViolations();
            }
            finally
            {
                await camera.CloseAsync();
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Session_catches_a_Content_Security_Policy_violation()
    {
        await using var session = await browser.OpenAsync(output, ScreenSize.Phone);
        await session.Page.RouteAsync(Origin + "**", route => route.FulfillAsync(new RouteFulfillOptions
        {
            ContentType = "text/html",
            Headers = new Dictionary<string, string> { ["Content-Security-Policy"] = "default-src 'self'; script-src 'self'" },
            Body = "<!doctype html><title>csp</title><script>document.title = 'ran'</script><p>inline script refused</p>",
        }));
        await session.Page.GotoAsync(Origin + "csp");
        await Wait.UntilAsync(() => Task.FromResult(session.CspViolations.Count >= 2), "the violation to be reported twice (listener and console)", TimeSpan.FromSeconds(10));
        Assert.Equal("csp", await session.Page.TitleAsync());
        Assert.Contains(session.CspViolations, v => v.StartsWith("listener: script-src", StringComparison.Ordinal));
        Assert.Contains(session.CspViolations, v => v.StartsWith("console: ", StringComparison.Ordinal) && v.Contains("Content Security Policy directive", StringComparison.Ordinal));
        Assert.Throws<Xunit.Sdk.TrueException>(session.AssertNoCspViolations);
    }

    /// <summary>A real ticket token's shape: signed by a fresh P-256 key, as the server signs tickets.</summary>
    internal static string SampleToken()
    {
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        return Tickr.Domain.Ticketing.TicketToken.Sign(new Tickr.Domain.Ticketing.TicketClaims(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), 0), key);
    }

    /// <summary>
    /// ZXing's camera path (finder-pattern detector) first, then its clean-symbol path: the detector misses about 1.5 %
    /// of valid symbols (see <see cref="QrDecoder"/>), which would make a random token fail now and then.
    /// </summary>
    private string? Decode(byte[] luma, int width, int height)
    {
        var text = Reader(pure: false).Decode(luma, width, height, RGBLuminanceSource.BitmapFormat.Gray8)?.Text;
        if (text is null)
        {
            output.WriteLine("the finder-pattern detector missed this symbol; read by the pure-barcode path");
            text = Reader(pure: true).Decode(luma, width, height, RGBLuminanceSource.BitmapFormat.Gray8)?.Text;
        }
        return text;
    }

    private static BarcodeReaderGeneric Reader(bool pure) => new()
    {
        AutoRotate = false,
        Options = new DecodingOptions { PossibleFormats = [BarcodeFormat.QR_CODE], PureBarcode = pure, TryHarder = true },
    };
}
