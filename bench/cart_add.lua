-- POST /cart/add/ as the mini-cart script sends it: the form, the CSRF token in its header and
-- cookie, the visitor's cart cookies, JSON asked for. bench/run.py passes the values through
-- the environment.
wrk.method = "POST"
wrk.body = os.getenv("BENCH_BODY")
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Accept"] = "application/json"
wrk.headers["X-CSRFToken"] = os.getenv("BENCH_CSRF")
wrk.headers["Cookie"] = os.getenv("BENCH_COOKIE")
