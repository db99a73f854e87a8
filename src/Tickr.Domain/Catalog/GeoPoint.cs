using Tickr.Domain.Common;

namespace Tickr.Domain.Catalog;

/// <summary>WGS 84 coordinates in degrees.</summary>
public sealed record GeoPoint
{
    public GeoPoint(double latitude, double longitude)
    {
        if (double.IsNaN(latitude) || latitude is < -90 or > 90)
        {
            throw new DomainException(DomainErrorCode.InvalidValue, "latitude must be between -90 and 90.", "latitude");
        }
        if (double.IsNaN(longitude) || longitude is < -180 or > 180)
        {
            throw new DomainException(DomainErrorCode.InvalidValue, "longitude must be between -180 and 180.", "longitude");
        }
        Latitude = latitude;
        Longitude = longitude;
    }

    public double Latitude { get; }

    public double Longitude { get; }
}
