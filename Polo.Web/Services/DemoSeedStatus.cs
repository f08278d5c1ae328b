using Polo.Data.Changes;
using Polo.Data.Demo;

namespace Polo.Web.Services;

/// <summary>Progress of the first-run demo seeding, shown on the dashboard while it runs. Every change publishes
/// <see cref="DataKinds.DemoSeed"/>.</summary>
public sealed class DemoSeedStatus(DataChangeNotifier notifier)
{
    public bool Running { get; private set; }
    public string Stage { get; private set; } = "";
    public double Fraction { get; private set; }
    public string? Error { get; private set; }

    public void Report(DemoProgress p)
    {
        Running = p.Fraction < 1;
        Stage = p.Stage;
        Fraction = p.Fraction;
        notifier.Publish(DataKinds.DemoSeed, 0);
    }

    public void Fail(string error)
    {
        Running = false;
        Error = error;
        notifier.Publish(DataKinds.DemoSeed, 0);
    }
}
