package dev.chatd.bench.report;

import java.util.Locale;

/** Result JSON shaped as chat-bench writes it, with the figures a test chooses. */
final class SampleResults {

    private SampleResults() {
    }

    static String fanout(int users, double perSecond, double p99, long lost, boolean ok) {
        return String.format(Locale.ROOT, """
                {"command":"fanout","users":%d,"senders":10,
                 "login":{"users":%d,"loggedIn":%d,"seconds":1.5,"perSecond":666.7,"settleSeconds":0.2,"joinLines":5050,"complete":true},
                 "delivery":{"sent":1000,"expected":100000,"delivered":100000,"lost":%d,"outOfOrder":0,"unparsed":0,
                             "errorLines":0,"leaveLines":0,"disconnects":0,"seconds":5.0,"perSecond":%s},
                 "latency":{"count":100000,"p50Ms":1.25,"p90Ms":2.0,"p99Ms":%s,"p999Ms":12.5,"maxMs":40.0,"meanMs":1.4},
                 "generatorCpu":{"cpuSeconds":3.0,"wallSeconds":5.0,"coresUsed":0.6},
                 "serverCpu":{"cpuSeconds":6.0,"wallSeconds":5.0,"coresUsed":1.2},"serverPeakRssBytes":300000000,
                 "timedOut":false,"ok":%s%s}
                """, users, users, users, lost, perSecond, p99, ok, ok ? "" : ",\"error\":\"1 users disconnected\"");
    }

    static String idle(int users, long heapPerUser) {
        return String.format(Locale.ROOT, """
                {"command":"idle","users":%d,
                 "login":{"users":%d,"loggedIn":%d,"seconds":4.25,"perSecond":2352.9,"settleSeconds":3.0,"joinLines":1,"complete":true},
                 "serverMemory":{"rssBaselineBytes":1,"rssAfterLoginBytes":2,"rssBytesPerUser":9000,"peakRssBytes":400000000,
                                 "liveHeapBaselineBytes":1,"liveHeapAfterLoginBytes":2,"liveHeapBytesPerUser":%d,"liveHeapMethod":"jcmd"},
                 "generatorCpu":{"cpuSeconds":1,"wallSeconds":4,"coresUsed":0.25},
                 "serverCpu":{"cpuSeconds":2,"wallSeconds":4,"coresUsed":0.5},
                 "holdSeconds":0,"disconnects":0,"timedOut":false,"ok":true}
                """, users, users, users, heapPerUser);
    }
}
