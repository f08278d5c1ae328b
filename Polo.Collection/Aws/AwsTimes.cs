namespace Polo.Collection.Aws;

/// <summary>
/// Whether a time an AWS answer states as history (a launch, a creation, a CloudTrail event) can be true: not before
/// 2006 (EC2 did not exist) and not more than a day ahead of this clock. AWS never sends other such times; stored,
/// they would be invented history (a launch in the year 9999 on the timeline), and a year like 9999 overflows date
/// arithmetic downstream.
/// </summary>
public static class AwsTimes
{
    public static readonly DateTime Earliest = new(2006, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static bool IsPlausible(DateTime utc) => utc >= Earliest && utc <= DateTime.UtcNow.AddDays(1);
}
