using Polo.Data.Demo;

namespace Polo.Web.Services;

/// <summary>Progress of the first-run demo seeding, shown on the dashboard while it runs.</summary>
public sealed class DemoSeedStatus
{
    public bool Running { get; private set; }
    public string Stage { get; private set; } = "";
    public double Fraction { get; private set; }
    public string? Error { get; private set; }
    public event Action? Changed;

    public void Report(DemoProgress p)
    {
        Running = p.Fraction < 1;
        Stage = p.Stage;
        Fraction = p.Fraction;
        Changed?.Invoke();
    }

    public void Fail(string error)
    {
        Running = false;
        Error = error;
        Changed?.Invoke();
    }
}
