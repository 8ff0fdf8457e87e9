import { useEffect, useMemo, useState } from 'react';
import { Select, Spin, type SelectProps } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { t } from '@/lib/i18n';

export interface RemoteOption {
  value: string;
  label: string;
}

/** A searchable select whose options come from the API (debounced 300 ms). */
export function RemoteSelect({
  queryKey,
  fetchOptions,
  value,
  onChange,
  placeholder,
  initialOption,
  ...rest
}: {
  queryKey: readonly unknown[];
  fetchOptions: (q: string) => Promise<RemoteOption[]>;
  value?: string;
  onChange?: (value: string | undefined, option?: RemoteOption) => void;
  placeholder?: string;
  initialOption?: RemoteOption;
} & Omit<SelectProps<string>, 'options' | 'onChange' | 'value' | 'onSearch' | 'showSearch'>) {
  const [input, setInput] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const id = setTimeout(() => setQ(input.trim()), 300);
    return () => clearTimeout(id);
  }, [input]);
  const query = useQuery({ queryKey: [...queryKey, q], queryFn: () => fetchOptions(q), staleTime: 60_000 });
  // The chosen option stays known after the search text changes, so the select never shows a bare id.
  const [picked, setPicked] = useState<RemoteOption | undefined>();
  const options = useMemo(() => {
    const list = [...(query.data ?? [])];
    for (const o of [picked, initialOption]) if (o && !list.some((x) => x.value === o.value)) list.unshift(o);
    return list;
  }, [query.data, initialOption, picked]);
  return (
    <Select<string>
      showSearch={{ filterOption: false, onSearch: setInput }}
      allowClear
      value={value}
      placeholder={placeholder}
      notFoundContent={query.isFetching ? <Spin size="small" /> : t.common.empty}
      options={options}
      onChange={(v) => {
        const option = options.find((o) => o.value === v);
        setPicked(option);
        onChange?.(v, option);
      }}
      {...rest}
    />
  );
}
