"""Independent oracles for Prognosis's metrics: lizard's cyclomatic complexity and complexipy's
cognitive complexity, per function. Reads file paths on stdin (one per line) and writes one
JSON line per file: {"path", "functions": [[name, start_line, end_line, value], ...]} or
{"path", "error"}. Usage: python metrics_oracle.py lizard|complexipy [--jobs N]"""
import json
import multiprocessing
import sys


def lizard_functions(path):
    import lizard
    result = lizard.analyze_file(path)
    return [[f.name, f.start_line, f.end_line, f.cyclomatic_complexity] for f in result.function_list]


def complexipy_functions(path):
    import complexipy
    result = complexipy.file_complexity(path)
    return [[f.name, f.line_start, f.line_end, f.complexity] for f in result.functions]


def measure(job):
    tool, path = job
    try:
        functions = lizard_functions(path) if tool == "lizard" else complexipy_functions(path)
        return json.dumps({"path": path, "functions": functions})
    except Exception as error:  # a file the tool cannot read is reported, not fatal
        return json.dumps({"path": path, "error": str(error)[:200]})


def main():
    tool = sys.argv[1]
    jobs = int(sys.argv[sys.argv.index("--jobs") + 1]) if "--jobs" in sys.argv else multiprocessing.cpu_count()
    paths = [line.strip() for line in sys.stdin if line.strip()]
    # "spawn", not the default "fork": a forked worker can inherit a lock held by the pool's
    # threads and hang forever (seen in CI). close() + join() lets the workers exit on their own.
    pool = multiprocessing.get_context("spawn").Pool(jobs)
    for line in pool.imap(measure, [(tool, path) for path in paths], chunksize=8):
        print(line, flush=True)
    pool.close()
    pool.join()

if __name__ == "__main__":
    main()
