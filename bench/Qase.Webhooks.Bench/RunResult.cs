namespace Qase.Webhooks.Bench;

/// <summary>
/// One timed run. Allocation, CPU and thread-pool work are the whole process's (sender, receiver and,
/// for the service, the publisher's client too), divided by the deliveries. <see cref="JitMilliseconds"/>
/// is compilation during the run: well above zero means the warm-up was too short for the figures to hold.
/// </summary>
public sealed record RunResult(
    string Mode,
    int Round,
    int Deliveries,
    double Seconds,
    double DeliveriesPerSecond,
    double? PublishSeconds,
    double MeanRequestsInFlight,
    long MaxRequestsInFlight,
    long AllocatedBytesPerDelivery,
    double CpuMicrosecondsPerDelivery,
    double ThreadPoolItemsPerDelivery,
    double JitMilliseconds,
    double GcPauseMilliseconds,
    int Gen0Collections,
    int Gen2Collections,
    long PeakWorkingSetMegabytes);
