import { useState } from 'react';
import { Button, Form, Input, InputNumber, List, Modal, Popconfirm, Segmented, Select, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { HonourDto, HonourQuery, HonourStatus, HonourSubject, HonourSuggestionDto } from '@wenming/shared';
import { ENTITY_NAME_MAX, HONOUR_STATUSES, HONOUR_STATUS_LABELS, HONOUR_SUBJECT_LABELS } from '@wenming/shared';
import { TeamSelect, VolunteerSelect } from '@/components/pickers/pickers';
import { ReasonButton } from '@/components/ui/reason-button';
import { FilterBar, ListTable, useListParams } from '@/components/list-page';
import { fmtDateTime, inShanghai } from '@/lib/dates';
import { applyApiErrors } from '@/lib/form-errors';
import { fmt, t } from '@/lib/i18n';
import { notify } from '@/lib/notify';
import { useDecideHonour, useHonourSuggestions, useHonours, useNominate } from '../api/honours-api';

const STATUS_COLORS: Record<HonourStatus, string> = { nominated: 'processing', approved: 'success', rejected: 'default' };

export const currentYear = () => inShanghai(new Date()).year();

/** Honours in scope: nominate (with the API's suggestions), and for the county admin approve / reject. */
export function HonoursManager({ isCountyAdmin }: { isCountyAdmin: boolean }) {
  const { filter, set, setPage } = useListParams<HonourQuery>({
    defaults: { status: isCountyAdmin ? 'nominated' : undefined },
    fields: { status: 'string', year: 'number' },
  });
  const [nominating, setNominating] = useState<Partial<NominateValues> | null>(null);
  const list = useHonours(filter);
  const decide = useDecideHonour();
  return (
    <>
      <FilterBar
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setNominating({})}>
            {t.honours.nominate}
          </Button>
        }
      >
        <Select<HonourStatus | 'all'>
          aria-label={t.honours.status}
          style={{ width: 120 }}
          value={filter.status ?? 'all'}
          onChange={(v) => set({ status: v === 'all' ? undefined : v })}
          options={[{ value: 'all', label: t.common.all }, ...HONOUR_STATUSES.map((s) => ({ value: s, label: HONOUR_STATUS_LABELS[s] }))]}
        />
        <InputNumber<number>
          aria-label={t.honours.year}
          placeholder={t.honours.year}
          min={2000}
          max={2100}
          style={{ width: 110 }}
          value={filter.year}
          onChange={(v) => set({ year: v ?? undefined })}
        />
      </FilterBar>
      <Suggestions
        onPick={(s) =>
          setNominating({ subject: s.subject, volunteerId: s.volunteerId ?? undefined, teamId: s.teamId ?? undefined, title: s.suggestedTitle, subjectName: s.name })
        }
      />
      <ListTable<HonourDto>
        query={list}
        page={filter.page}
        pageSize={filter.pageSize}
        onPage={setPage}
        size="small"
        empty={t.honours.empty}
        scroll={{ x: 900 }}
        columns={[
          {
            title: t.honours.subject,
            key: 'who',
            render: (_, h) => (
              <Space size={4}>
                <Tag>{HONOUR_SUBJECT_LABELS[h.subject]}</Tag>
                {h.volunteerName ?? h.teamName}
              </Space>
            ),
          },
          { title: t.honours.town, dataIndex: 'townName', render: (v: string | null) => v ?? t.honours.allTowns },
          { title: t.honours.honourTitle, dataIndex: 'title' },
          { title: t.honours.year, dataIndex: 'year', width: 70 },
          { title: t.honours.nominatedBy, key: 'by', render: (_, h) => `${h.nominatedByName ?? t.deeds.unknownStaff} · ${fmtDateTime(h.nominatedAt)}` },
          {
            title: t.honours.status,
            key: 'status',
            render: (_, h) => (
              <Space orientation="vertical" size={0}>
                <Tag color={STATUS_COLORS[h.status]}>{HONOUR_STATUS_LABELS[h.status]}</Tag>
                {h.rejectReason ? <span style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>{h.rejectReason}</span> : null}
              </Space>
            ),
          },
          ...(isCountyAdmin
            ? [
                {
                  title: t.common.actions,
                  key: 'actions',
                  fixed: 'right' as const,
                  width: 150,
                  render: (_: unknown, h: HonourDto) =>
                    h.status === 'nominated' ? (
                      <Space size={4}>
                        <Popconfirm
                          title={fmt(t.honours.approveConfirm, { name: h.volunteerName ?? h.teamName ?? '', title: h.title })}
                          okText={t.common.confirm}
                          cancelText={t.common.cancel}
                          onConfirm={() => decide.mutate({ id: h.id, approve: true }, { onSuccess: () => notify.success(t.honours.approved) })}
                        >
                          <Button size="small" type="primary">
                            {t.honours.approve}
                          </Button>
                        </Popconfirm>
                        <ReasonButton
                          label={t.honours.reject}
                          title={t.honours.reject}
                          reasonLabel={t.honours.rejectReason}
                          buttonProps={{ size: 'small', danger: true }}
                          loading={decide.isPending}
                          onSubmit={(reason, done) =>
                            decide.mutate({ id: h.id, approve: false, reason }, { onSuccess: () => (notify.success(t.honours.rejected), done()) })
                          }
                        />
                      </Space>
                    ) : (
                      <span style={{ color: 'rgba(0,0,0,0.45)' }}>{h.decidedByName ?? ''}</span>
                    ),
                },
              ]
            : []),
        ]}
      />
      {nominating ? <NominateModal initial={nominating} onClose={() => setNominating(null)} /> : null}
    </>
  );
}

function Suggestions({ onPick }: { onPick: (s: HonourSuggestionDto) => void }) {
  const [open, setOpen] = useState(false);
  const year = currentYear();
  const suggestions = useHonourSuggestions(year, open);
  return (
    <div style={{ marginBottom: 12 }}>
      <Button size="small" onClick={() => setOpen((o) => !o)}>
        {open ? t.honours.hideSuggestions : t.honours.suggestions}
      </Button>
      {open ? (
        <List<HonourSuggestionDto>
          size="small"
          bordered
          style={{ marginTop: 8, maxHeight: 320, overflow: 'auto' }}
          loading={suggestions.isPending}
          header={<Typography.Text type="secondary">{t.honours.suggestionsHint}</Typography.Text>}
          dataSource={suggestions.data ?? []}
          locale={{ emptyText: t.honours.noSuggestions }}
          renderItem={(s) => (
            <List.Item
              key={`${s.subject}:${s.volunteerId ?? s.teamId}`}
              actions={[
                <Button key="n" size="small" type="link" onClick={() => onPick(s)}>
                  {t.honours.nominate}
                </Button>,
              ]}
            >
              <List.Item.Meta title={`${s.name} · ${s.suggestedTitle}`} description={`${HONOUR_SUBJECT_LABELS[s.subject]} · ${s.siteName} · ${s.reason}`} />
            </List.Item>
          )}
        />
      ) : null}
    </div>
  );
}

interface NominateValues {
  subject: HonourSubject;
  volunteerId?: string;
  teamId?: string;
  title: string;
  year: number;
  citation?: string;
  subjectName?: string;
}

function NominateModal({ initial, onClose }: { initial: Partial<NominateValues>; onClose: () => void }) {
  const [form] = Form.useForm<NominateValues>();
  const nominate = useNominate();
  const subject = Form.useWatch('subject', form) ?? initial.subject ?? 'volunteer';
  const named = initial.subjectName ? { value: (initial.volunteerId ?? initial.teamId)!, label: initial.subjectName } : undefined;
  return (
    <Modal
      open
      title={t.honours.nominateTitle}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={nominate.isPending}
      okText={t.common.submit}
      cancelText={t.common.cancel}
      destroyOnHidden
    >
      <Form<NominateValues>
        form={form}
        layout="vertical"
        initialValues={{ subject: 'volunteer', year: currentYear(), ...initial }}
        onFinish={(v) =>
          nominate.mutate(
            {
              subject: v.subject,
              volunteerId: v.subject === 'volunteer' ? v.volunteerId : undefined,
              teamId: v.subject === 'team' ? v.teamId : undefined,
              title: v.title.trim(),
              year: v.year,
              citation: v.citation?.trim() || undefined,
            },
            { onSuccess: () => (notify.success(t.honours.nominated), onClose()), onError: (e) => applyApiErrors(form, e) },
          )
        }
      >
        <Form.Item name="subject" label={t.honours.subject}>
          <Segmented<HonourSubject>
            options={[
              { value: 'volunteer', label: HONOUR_SUBJECT_LABELS.volunteer },
              { value: 'team', label: HONOUR_SUBJECT_LABELS.team },
            ]}
          />
        </Form.Item>
        {subject === 'volunteer' ? (
          <Form.Item
            name="volunteerId"
            label={t.honours.subjectVolunteer}
            rules={[{ required: true, message: fmt(t.common.requiredSelect, { label: t.honours.subjectVolunteer }) }]}
          >
            <VolunteerSelect placeholder={t.deeds.personPlaceholder} initialOption={initial.volunteerId ? named : undefined} />
          </Form.Item>
        ) : (
          <Form.Item name="teamId" label={t.honours.subjectTeam} rules={[{ required: true, message: fmt(t.common.requiredSelect, { label: t.honours.subjectTeam }) }]}>
            <TeamSelect placeholder={t.honours.subjectTeam} initialOption={initial.teamId ? named : undefined} />
          </Form.Item>
        )}
        <Form.Item
          name="title"
          label={t.honours.honourTitle}
          rules={[{ required: true, whitespace: true, message: fmt(t.common.required, { label: t.honours.honourTitle }) }]}
        >
          <Input maxLength={ENTITY_NAME_MAX} placeholder={t.honours.titlePlaceholder} />
        </Form.Item>
        <Form.Item name="year" label={t.honours.year} rules={[{ required: true, message: fmt(t.common.required, { label: t.honours.year }) }]}>
          <InputNumber min={2000} max={2100} precision={0} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="citation" label={t.honours.citation}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
