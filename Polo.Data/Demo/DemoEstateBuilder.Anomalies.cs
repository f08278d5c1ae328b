using Polo.Data.Vocabulary;
using static Polo.Data.Demo.DemoCatalog;

namespace Polo.Data.Demo;

/// <summary>One-day spikes anomaly detection must find on default settings (issue 13); see <see cref="DemoAnomalies"/>.</summary>
internal sealed partial class DemoEstateBuilder
{
    private void InjectAnomalies()
    {
        // The data pipeline's NAT gateway moves 20× its usual traffic for one day, then returns to normal.
        var nat = Resources.First(r => r.Type == ResourceTypes.NatGateway && r.Placement.Account.Name == "prod-data-pipeline");
        var burst = DemoAnomalies.NatBurstDay(_end);
        nat.ChangeFrom(burst.AddDays(1), p => p);
        nat.ChangeFrom(burst, p => p.UsageType == "NatGateway-Bytes" && p.To <= burst.AddDays(1)
            ? p with { HourlyUsage = p.HourlyUsage * DemoAnomalies.NatBurstFactor, HourlyCost = p.HourlyCost * DemoAnomalies.NatBurstFactor }
            : p);

        // Someone launches eight r5.4xlarge in the load-test account for one day and terminates them.
        var at = DemoAnomalies.LaunchBurstDay(_end);
        var place = new Placement(Accounts[11], "", "", "");
        for (var n = 0; n < DemoAnomalies.LaunchBurstInstances; n++)
        {
            var i = Instance(place, "r5.4xlarge", at, $"adhoc-benchmark-{n + 1}");
            Delete(i, at.AddDays(1));
        }

        // Normal weekly rhythm: developers' workstations are stopped every weekend (a dip that must not fire).
        var dev = new Placement(Accounts[9], "", "", "");
        for (var n = 0; n < DemoAnomalies.WeekdayWorkstations; n++)
        {
            var i = Instance(dev, "m5.2xlarge", _start.AddDays(-30), $"dev-workstation-{n + 1}");
            for (var sat = FirstSaturday(_start.AddDays(-30)); sat < _end; sat = sat.AddDays(7))
            {
                var monday = sat.AddDays(2);
                i.ChangeFrom(monday, p => p);
                i.ChangeFrom(sat, p => p.To <= monday ? null : p);
                i.Event(sat, EventTypes.StateChanged, (EventProperties.OldState, ResourceStates.Running), (EventProperties.NewState, ResourceStates.Stopped));
                if (monday < _end)
                    i.Event(monday, EventTypes.StateChanged, (EventProperties.OldState, ResourceStates.Stopped), (EventProperties.NewState, ResourceStates.Running));
            }
        }
    }

    private static DateTime FirstSaturday(DateTime from)
    {
        var d = from.Date.AddDays(1);
        while (d.DayOfWeek != DayOfWeek.Saturday) d = d.AddDays(1);
        return d;
    }
}

/// <summary>Where the demo estate's injected anomalies are (public for tests): days counted back from the estate's end.</summary>
public static class DemoAnomalies
{
    public const int NatBurstFactor = 20;
    public const int LaunchBurstInstances = 8;
    public const int WeekdayWorkstations = 8;
    public const string WorkstationAccount = "100000000010"; // dev-1
    public const string NatBurstAccount = "100000000007"; // prod-data-pipeline
    public const string LaunchBurstAccount = "100000000012"; // test-load

    // Outside the last two weeks, so the week-over-week explanation of the demo's NAT spike stays its own cause.
    public static DateTime NatBurstDay(DateTime end) => end.Date.AddDays(-16);

    public static DateTime LaunchBurstDay(DateTime end) => end.Date.AddDays(-3);
}
