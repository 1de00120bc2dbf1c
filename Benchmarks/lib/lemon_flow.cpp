// The `optimal` objective through LEMON (Debian's liblemon-dev), for Benchmarks/compare_peers.sh:
// most students placed, then the highest total score units. Two LEMON steps, like OR-Tools'
// solve_max_flow_with_min_cost: Preflow finds the largest number placed, then NetworkSimplex
// finds the cheapest flow of that value with cost -units on each candidate arc.
//
// Usage: lemon_flow EXPORT_DIR   (reads candidates.csv and programs.csv as BenchmarkExport writes)
// Prints: placed, total units, seconds to build the graph, to find the flow value, to solve.
#include <lemon/network_simplex.h>
#include <lemon/preflow.h>
#include <lemon/smart_graph.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

using namespace lemon;
using Clock = std::chrono::steady_clock;

static double since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: lemon_flow EXPORT_DIR\n");
        return 2;
    }
    std::string dir = argv[1];
    std::vector<std::string> programIDs;
    std::vector<long long> seats;
    std::unordered_map<std::string, int> programIndex;
    {
        std::ifstream in(dir + "/programs.csv");
        std::string line;
        std::getline(in, line);
        while (std::getline(in, line)) {
            auto comma = line.find(',');
            programIndex[line.substr(0, comma)] = (int)programIDs.size();
            programIDs.push_back(line.substr(0, comma));
            seats.push_back(std::max(0LL, std::stoll(line.substr(comma + 1))));
        }
    }
    struct Pair { int student; int program; long long units; };
    std::vector<Pair> pairs;
    std::unordered_map<std::string, int> studentIndex;
    {
        std::ifstream in(dir + "/candidates.csv");
        std::string line;
        std::getline(in, line);
        while (std::getline(in, line)) {
            std::stringstream fields(line);
            std::string student, program, rank, score, priority, units;
            std::getline(fields, student, ',');
            std::getline(fields, program, ',');
            std::getline(fields, rank, ',');
            std::getline(fields, score, ',');
            std::getline(fields, priority, ',');
            std::getline(fields, units, ',');
            auto found = studentIndex.emplace(student, (int)studentIndex.size()).first;
            pairs.push_back({found->second, programIndex.at(program), std::stoll(units)});
        }
    }

    auto building = Clock::now();
    SmartDigraph graph;
    int n = (int)studentIndex.size(), m = (int)programIDs.size();
    graph.reserveNode(n + m + 2);
    graph.reserveArc((int)pairs.size() + n + m);
    std::vector<SmartDigraph::Node> student(n), program(m);
    for (auto& node : student) node = graph.addNode();
    for (auto& node : program) node = graph.addNode();
    auto source = graph.addNode(), sink = graph.addNode();
    SmartDigraph::ArcMap<long long> capacity(graph), cost(graph);
    std::vector<SmartDigraph::Arc> pairArcs;
    pairArcs.reserve(pairs.size());
    for (auto& p : pairs) {
        auto arc = graph.addArc(student[p.student], program[p.program]);
        capacity[arc] = 1;
        cost[arc] = -p.units;
        pairArcs.push_back(arc);
    }
    for (int s = 0; s < n; ++s) {
        auto arc = graph.addArc(source, student[s]);
        capacity[arc] = 1;
        cost[arc] = 0;
    }
    for (int p = 0; p < m; ++p) {
        auto arc = graph.addArc(program[p], sink);
        capacity[arc] = seats[p];
        cost[arc] = 0;
    }
    double build = since(building);

    auto flowing = Clock::now();
    Preflow<SmartDigraph, SmartDigraph::ArcMap<long long>> preflow(graph, capacity, source, sink);
    preflow.runMinCut();
    long long value = preflow.flowValue();
    double maxflow = since(flowing);

    auto solving = Clock::now();
    NetworkSimplex<SmartDigraph, long long, long long> simplex(graph);
    simplex.upperMap(capacity).costMap(cost).stSupply(source, sink, value);
    auto status = simplex.run();
    double solve = since(solving);
    if (status != NetworkSimplex<SmartDigraph, long long, long long>::OPTIMAL) {
        std::fprintf(stderr, "LEMON did not solve the instance\n");
        return 1;
    }
    long long units = 0;
    for (size_t i = 0; i < pairs.size(); ++i) {
        if (simplex.flow(pairArcs[i]) > 0) units += pairs[i].units;
    }
    std::printf("%lld %lld %.6f %.6f %.6f\n", value, units, build, maxflow, solve);
    return 0;
}
