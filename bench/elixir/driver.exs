# The Elixir side of `bench/elixir.ts`: times the reference module's
# manifest/4 (flame_k8s_backend v0.3.3, RunnerPodTemplate) on the bench's own
# cases, in a loop inside Elixir, one batch of one case per request.
#
#   elixir bench/elixir/driver.exs <checkout> <cases.json> <batch>
#
# It compiles lib/flame_k8s_backend/runner_pod_template.ex from <checkout>,
# reads the cases (written by bench/elixir.ts), prints "ready" (or "skip: why"
# when the module has no manifest/4, as v0.7.0's), then for each line
# "case <i>" on stdin runs the i-th case (from 0) <batch> times and prints the
# µs per manifest. "quit" ends it.
#
# Elixir 1.14 has no JSON module and the reference module needs none, so the
# cases are read with the small decoder below (objects, arrays, strings with
# the escapes JSON.stringify writes, numbers, true/false/null).

defmodule BenchJson do
  @moduledoc false
  def decode(text) do
    {value, rest} = value(skip(text))
    "" = skip(rest)
    value
  end

  defp skip(<<c, rest::binary>>) when c in [?\s, ?\n, ?\r, ?\t], do: skip(rest)
  defp skip(rest), do: rest

  defp value(<<?{, rest::binary>>), do: object(skip(rest), %{})
  defp value(<<?[, rest::binary>>), do: array(skip(rest), [])
  defp value(<<?", rest::binary>>), do: string(rest, [])
  defp value(<<"true", rest::binary>>), do: {true, rest}
  defp value(<<"false", rest::binary>>), do: {false, rest}
  defp value(<<"null", rest::binary>>), do: {nil, rest}
  defp value(text), do: number(text)

  defp object(<<?}, rest::binary>>, acc), do: {acc, rest}

  defp object(<<?", rest::binary>>, acc) do
    {key, rest} = string(rest, [])
    <<?:, rest::binary>> = skip(rest)
    {val, rest} = value(skip(rest))
    acc = Map.put(acc, key, val)

    case skip(rest) do
      <<?,, rest::binary>> -> object(skip(rest), acc)
      <<?}, rest::binary>> -> {acc, rest}
    end
  end

  defp array(<<?], rest::binary>>, acc), do: {Enum.reverse(acc), rest}

  defp array(text, acc) do
    {val, rest} = value(text)

    case skip(rest) do
      <<?,, rest::binary>> -> array(skip(rest), [val | acc])
      <<?], rest::binary>> -> {Enum.reverse([val | acc]), rest}
    end
  end

  defp string(<<?", rest::binary>>, acc), do: {IO.iodata_to_binary(Enum.reverse(acc)), rest}

  defp string(<<?\\, ?u, hex::binary-size(4), rest::binary>>, acc),
    do: string(rest, [<<String.to_integer(hex, 16)::utf8>> | acc])

  defp string(<<?\\, c, rest::binary>>, acc) do
    char =
      case c do
        ?n -> "\n"
        ?t -> "\t"
        ?r -> "\r"
        ?b -> "\b"
        ?f -> "\f"
        other -> <<other>>
      end

    string(rest, [char | acc])
  end

  defp string(<<c::utf8, rest::binary>>, acc), do: string(rest, [<<c::utf8>> | acc])

  defp number(text) do
    {len, _} =
      Enum.reduce_while(String.to_charlist(text), {0, nil}, fn c, {n, _} ->
        if c in ~c"+-0123456789.eE", do: {:cont, {n + 1, nil}}, else: {:halt, {n, nil}}
      end)

    <<digits::binary-size(len), rest::binary>> = text

    case Integer.parse(digits) do
      {int, ""} -> {int, rest}
      _ -> {String.to_float(digits), rest}
    end
  end
end

[checkout, cases_file, batch] = System.argv()
batch = String.to_integer(batch)
[{module, _}] = Code.require_file(Path.join(checkout, "lib/flame_k8s_backend/runner_pod_template.ex"))

unless function_exported?(module, :manifest, 4) do
  IO.puts("skip: #{inspect(module)} has no manifest/4 (the bench compares v0.3.3's)")
  System.halt(0)
end

# One case: the parent and what the reference module gets for our template.
# "default": nil; "object": the template struct (env, resources); "callback":
# a callback that builds, from the parent, what ours returns (the bench's
# fullManifestCallback): its fixed part, the parent's labels merged into its
# labels, and the parent's app container env and envFrom in its first container.
to_template = fn
  %{"kind" => "default"} ->
    nil

  %{"kind" => "object", "env" => env, "resources" => resources} ->
    struct(module, env: env, resources: resources)

  %{"kind" => "callback", "fixed" => fixed} ->
    fn parent ->
      app = hd(parent["spec"]["containers"])
      labels = Map.merge(fixed["metadata"]["labels"], parent["metadata"]["labels"] || %{})

      fixed
      |> put_in(["metadata", "labels"], labels)
      |> update_in(["spec", "containers"], fn [first | rest] ->
        [Map.merge(first, %{"env" => app["env"], "envFrom" => app["envFrom"]}) | rest]
      end)
    end
end

%{"encodedParent" => encoded, "cases" => cases} = BenchJson.decode(File.read!(cases_file))

cases =
  Enum.map(cases, fn c -> {c["name"], c["parent"], to_template.(c["template"])} end)

defmodule BenchLoop do
  @moduledoc false
  # Calls f n times (a plain recursion: less overhead than Enum over a range).
  def times(0, _f, last), do: last
  def times(n, f, _), do: times(n - 1, f, f.())
end

run = fn {_, parent, template}, n ->
  BenchLoop.times(n, fn -> module.manifest(parent, template, encoded, []) end, nil)
end

# Warm-up (the BEAM's JIT compiles at load; this settles caches and the heap).
Enum.each(cases, fn c -> run.(c, 2000) end)
IO.puts("ready")

cases = List.to_tuple(cases)

loop = fn loop ->
  case IO.gets("") do
    "case " <> index ->
      c = elem(cases, String.to_integer(String.trim(index)))
      {micros, _} = :timer.tc(fn -> run.(c, batch) end)
      IO.puts("#{micros / batch}")
      loop.(loop)

    _ ->
      :ok
  end
end

loop.(loop)
