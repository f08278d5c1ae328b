using System.Globalization;
using System.Xml.Linq;
using Polo.Collection.Aws;

namespace Polo.Collection.Ec2.Responses;

/// <summary>
/// The EC2 fields the SDK parses as dates, integers or booleans. One unreadable value makes the SDK fail the whole
/// answer, so the guard checks them per resource first and drops only the resource that carries a bad one.
/// Checks are by element name (and, where a name is also used for text, by parent).
/// </summary>
internal static class Ec2TypedFields
{
    private static readonly HashSet<string> Dates = new(StringComparer.Ordinal)
    {
        "launchTime", "createTime", "startTime", "attachTime", "deleteTime", "usageOperationUpdateTime",
        "restoreExpiryTime", "completionTime", "sourceTime",
    };

    /// <summary>Dates stating when something happened (not expiries): they must be plausible history.</summary>
    private static readonly HashSet<string> History = new(StringComparer.Ordinal) { "launchTime", "createTime", "startTime", "attachTime" };

    private static readonly HashSet<string> Integers = new(StringComparer.Ordinal)
    {
        "size", "iops", "throughput", "volumeSize", "amiLaunchIndex", "deviceIndex", "networkCardIndex", "coreCount",
        "threadsPerCore", "httpPutResponseHopLimit",
    };

    private static readonly HashSet<string> Booleans = new(StringComparer.Ordinal)
    {
        "encrypted", "deleteOnTermination", "requesterManaged", "sourceDestCheck", "multiAttachEnabled", "fastRestored",
        "ebsOptimized", "enaSupport",
    };

    /// <summary>The first unreadable typed field under <paramref name="item"/>, described, or null.</summary>
    public static string? FirstProblem(XElement item)
    {
        foreach (var e in item.Descendants())
        {
            if (e.HasElements) continue;
            var name = e.Name.LocalName;
            var value = e.Value.Trim();
            var date = default(DateTime);
            if (Dates.Contains(name) && !IsDate(value, out date)) return $"{name} '{Clip(value)}' is not a date";
            if (History.Contains(name) && value != "" && !AwsTimes.IsPlausible(date))
                return $"{name} '{Clip(value)}' is not a plausible time (before 2006 or in the future)";
            if (Integers.Contains(name) && value != "" && !int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
                return $"{name} '{Clip(value)}' is not a whole number";
            if (Booleans.Contains(name) && value is not ("true" or "false" or "")) return $"{name} '{Clip(value)}' is not true or false";
            // instanceState/code is a number; stateReason/code is text.
            if (name == "code" && e.Parent?.Name.LocalName == "instanceState"
                && !int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
                return $"instanceState code '{Clip(value)}' is not a whole number";
        }
        return null;
    }

    private static bool IsDate(string value, out DateTime date)
    {
        date = default;
        return value == "" || DateTime.TryParse(value, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out date);
    }

    internal static string Clip(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
