namespace Tickr.Graph.Ticketing;

/// <summary>
/// Which gate a scan came from. A check-in carries the scanning device's id; the web scanner writes it as the gate's
/// name (typed by the staff, e.g. "Porte 1"), <see cref="Separator"/>, then the device's own id, so the dashboard can
/// count admissions per gate while "already checked in by …" still names the device. Any other device id (the CLI,
/// partners' apps) has no gate.
/// </summary>
public static class Gates
{
    /// <summary>Between the gate's name and the device's id: space, middle dot (U+00B7), space.</summary>
    public const string Separator = " \u00B7 ";

    /// <summary>The gate part of a device id, or null when it has none.</summary>
    public static string? Of(string deviceId)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        var i = deviceId.LastIndexOf(Separator, StringComparison.Ordinal);
        return i > 0 ? deviceId[..i] : null;
    }
}
