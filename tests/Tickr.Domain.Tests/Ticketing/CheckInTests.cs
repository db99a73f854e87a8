using Tickr.Domain.Common;
using Tickr.Domain.Ticketing;

namespace Tickr.Domain.Tests.Ticketing;

public sealed class CheckInTests
{
    private static readonly DateTimeOffset Now = new(2027, 3, 1, 20, 0, 0, TimeSpan.Zero);

    private static CheckIn Record(string deviceId, string? gate) =>
        CheckIn.Record(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Now, Now, deviceId, gate, null, offline: false);

    [Fact]
    public void The_gate_is_optional_and_trimmed()
    {
        Assert.Null(Record("phone-1", null).Gate);
        var admission = Record(" phone-1 ", "  Porte 1 ");
        Assert.Equal(("phone-1", "Porte 1"), (admission.DeviceId, admission.Gate));
        Assert.Equal(new string('g', CheckIn.GateMaxLength), Record("phone-1", new string('g', CheckIn.GateMaxLength)).Gate);
    }

    [Fact]
    public void A_gate_given_is_1_to_50_characters()
    {
        Expect.Refusal(DomainErrorCode.InvalidValue, "gate", () => Record("phone-1", "   "));
        Expect.Refusal(DomainErrorCode.InvalidValue, "gate", () => Record("phone-1", new string('g', CheckIn.GateMaxLength + 1)));
        Expect.Refusal(DomainErrorCode.InvalidValue, "deviceId", () => Record(" ", "Porte 1"));
    }
}
